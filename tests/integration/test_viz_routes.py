"""Account graph query and the viz routes against the real Neo4j, mini.json loaded."""
from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.core.config import Settings
from app.core.errors import NotFound
from app.db.graph import Graph
from app.services.account_graph import account_graph
from app.services.importer import import_bundle
from tests.unit import viz_samples

pytestmark = pytest.mark.integration
OUTSIDE = re.compile(r"""\b(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.I)
AS_OF = date(2026, 11, 22)


@pytest.fixture
def mini(graph: Graph, mini_bundle: dict[str, Any]) -> Graph:
    import_bundle(graph, mini_bundle)
    return graph


def test_account_graph_answers_nodes_edges_and_pickers(mini: Graph, settings: Settings) -> None:
    data = account_graph(mini, settings, "acc-nw", as_of=AS_OF)
    contacts = {c["id"]: c for c in data["contacts"]}
    assert len(contacts) == 12 and [c["id"] for c in data["contacts"]] == sorted(contacts)
    assert len(data["reports_to"]) == 11 and sum(e["dotted"] for e in data["reports_to"]) == 1
    assert len(data["influences"]) == 5
    assert data["employees"] == [] and data["knows"] == []
    ceo = contacts["c-ceo"]
    assert ceo["department"] == {"id": "d-exec", "name": "Executive Office"}
    assert ceo["circles"] == [{"id": "circ-old-guard", "name": "Old guard", "role": "leader"}]
    assert ceo["roles"][0]["role"] == "approver" and ceo["roles"][0]["one_vote_approve"] is True
    assert contacts["c-hr"]["roles"][0]["opportunity"] == "o-fin"
    assert contacts["c-opsmgr"]["activities"] == 1 and contacts["c-opsmgr"]["interaction_level"] == "occasional"
    assert contacts["c-board"]["interaction_level"] == "none"
    assert {c["id"] for c in data["circles"]} == {"circ-old-guard", "circ-digital"}
    assert {d["id"] for d in data["departments"]} == {"d-exec", "d-it", "d-fin", "d-ops"}
    assert {o["id"] for o in data["opportunities"]} == {"o-wms", "o-fin"}


def test_account_graph_filters_and_employees(mini: Graph, settings: Settings) -> None:
    it = account_graph(mini, settings, "acc-nw", department="d-it", as_of=AS_OF)
    assert {c["id"] for c in it["contacts"]} == {"c-cio", "c-itmgr", "c-arch"}
    assert {(e["from"], e["to"]) for e in it["reports_to"]} == {("c-itmgr", "c-cio"), ("c-arch", "c-cio")}
    top = account_graph(mini, settings, "acc-nw", department="d-exec", as_of=AS_OF)
    assert len(top["contacts"]) == 11  # everything below the executive office; the board advisor has no department
    # the page's filter (issue 19, "132 of 133"): exactly the people who work in the department, not its sub-units
    own = account_graph(mini, settings, "acc-nw", department="d-exec", subunits=False, as_of=AS_OF)
    assert {c["id"] for c in own["contacts"]} == {"c-ceo", "c-hr"}
    assert [(e["from"], e["to"]) for e in own["reports_to"]] == [("c-hr", "c-ceo")]  # the CEO's other reports work elsewhere
    assert own["filter"]["subunits"] is False
    assert {c["id"] for c in account_graph(mini, settings, "acc-nw", department="d-it", subunits=False,
                                           as_of=AS_OF)["contacts"]} == {"c-cio", "c-itmgr", "c-arch"}
    old_guard = account_graph(mini, settings, "acc-nw", circle="circ-old-guard", as_of=AS_OF)
    assert {c["id"] for c in old_guard["contacts"]} == {"c-ceo", "c-cfo", "c-proc"}
    with_us = account_graph(mini, settings, "acc-nw", employees=True, as_of=AS_OF)
    assert {e["id"] for e in with_us["employees"]} == {"e-amy", "e-bob", "e-carol", "e-dan", "e-eve"}
    assert len(with_us["knows"]) == 7
    ops_us = account_graph(mini, settings, "acc-nw", department="d-ops", employees=True, as_of=AS_OF)
    assert {e["id"] for e in ops_us["employees"]} == {"e-amy", "e-carol", "e-eve"}
    with pytest.raises(NotFound):
        account_graph(mini, settings, "acc-nope")


def test_page_and_account_map_routes(client: TestClient, mini: Graph) -> None:
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "关系紧密度" in page.text and not OUTSIDE.search(page.text)
    html = client.get("/viz/accounts/acc-nw", params={"employees": "true", "lang": "zh"})
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    assert not OUTSIDE.search(html.text)
    assert "Amy Tan" in html.text and "图例" in html.text  # node data is JSON-escaped; the legend is not
    filtered = client.get("/viz/accounts/acc-nw", params={"circle": "circ-digital"}).text
    assert "Zhang Wei" in filtered and "Li Na" not in filtered
    data = client.get("/viz/accounts/acc-nw/data").json()
    assert len(data["contacts"]) == 12
    own = client.get("/viz/accounts/acc-nw", params={"department": "d-exec", "subunits": "false"}).text
    assert "Department Executive Office: 2 people" in own and "Wang Lei" in own and "Ma Li" in own
    assert "Li Na" not in own  # the CFO works in Finance, below the executive office
    tree = client.get("/viz/accounts/acc-nw", params={"department": "d-exec", "lang": "zh"}).text
    assert "部门 Executive Office及其下级部门：11 人" in tree
    assert client.get("/viz/accounts/acc-nope").status_code == 404
    assert client.get("/viz/accounts/acc-nw", params={"lang": "fr"}).status_code == 422


def test_deal_and_reach_views_render_posted_answers(client: TestClient) -> None:
    body = {"chain": viz_samples.chain(), "gaps": viz_samples.gaps(), "win_rate": viz_samples.win_rate()}
    deal = client.post("/viz/opportunities/o-wms", json=body, params={"lang": "zh"})
    assert deal.status_code == 200 and "KEY_PERSON_OPPOSED" in deal.text and "RivalSoft" in deal.text
    reach = client.post("/viz/contacts/c-ceo/reach", json=viz_samples.reach())
    assert reach.status_code == 200 and "Dan Wu" in reach.text and not OUTSIDE.search(reach.text)


def test_deal_and_reach_views_from_the_services(client: TestClient, mini: Graph) -> None:
    deal = client.get("/viz/opportunities/o-wms", params={"as_of": "2026-11-22"})
    assert deal.status_code == 200 and not OUTSIDE.search(deal.text)
    for needle in ("Wang Lei", "RivalSoft", "MegaERP", "KEY_PERSON_OPPOSED", "VETO_NOT_SUPPORTIVE"):
        assert needle in deal.text, needle
    reach = client.get("/viz/contacts/c-ceo/reach")
    assert reach.status_code == 200 and "Dan Wu" in reach.text and "He Jun" in reach.text
    assert client.get("/viz/opportunities/o-nope").status_code == 404
    assert client.get("/viz/contacts/c-nope/reach").status_code == 404
