"""Issue 15 part 4: the account map of a big account reads every contact light and only the drawn people in full
(app.viz.map_read). The page it draws must be the page the full read draws, byte for byte: folded, with a
department opened, a deal's members as key people, our employees shown, a department filter, and a small
account (everyone drawn); and the page's side call (`/data?light=true`) counts the same people per department."""
from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.core.config import Settings
from app.core.errors import NotFound
from app.db.graph import Graph
from app.services.account_graph import account_graph
from app.services.importer import import_bundle
from app.viz.account_map import render_account_map
from app.viz.collapse import plan
from app.viz.config import VizSettings
from app.viz.map_read import drawn_account_map
from seed.generate import generate_bundle

pytestmark = pytest.mark.integration
VIZ = VizSettings(collapse_over=200, collapse_budget=60)  # 600 people fold; few levels open by themselves


@pytest.fixture
def big(graph: Graph) -> dict[str, Any]:
    bundle = generate_bundle(accounts=2, contacts_per_account=300, employees=40, seed=31)
    import_bundle(graph, bundle)
    return bundle


def biggest(bundle: dict[str, Any]) -> str:
    sizes = Counter(c["account"] for c in bundle["contacts"])
    return max(sizes, key=lambda a: (sizes[a], a))


def same_page(graph: Graph, settings: Settings, account: str, **options: Any) -> dict[str, Any]:
    """Render the account map from the full read and from the light read; both must be identical."""
    expanded, deal = options.pop("expanded", None), options.pop("deal", None)
    full = account_graph(graph, settings, account, **options)
    light = drawn_account_map(graph, settings, VIZ, account, expanded=expanded, deal=deal, **options)
    assert render_account_map(light, "en", VIZ, expanded, deal) == render_account_map(full, "en", VIZ, expanded, deal)
    assert render_account_map(light, "zh", VIZ, expanded, deal) == render_account_map(full, "zh", VIZ, expanded, deal)
    return light


def test_the_light_read_draws_the_same_map_as_the_full_read(big: dict[str, Any], graph: Graph,
                                                            settings: Settings) -> None:
    account = biggest(big)
    people = [c for c in big["contacts"] if c["account"] == account]
    assert len(people) > VIZ.collapse_over   # the map folds: the case the light read is for
    folded = same_page(graph, settings, account)
    layout = plan(folded, VIZ.collapse_over, None, None, VIZ.collapse_budget)
    assert layout.collapsed and layout.groups and len(layout.shown) < len(people)
    # only the drawn people were read in full (`title` is a full-profile field, absent from the light rows)
    assert {c["id"] for c in folded["contacts"] if "title" in c} == set(layout.shown)
    assert len(folded["contacts"]) == len(people)
    opened = min(layout.groups)          # a click on a folded department: its people must be read in full
    expanded = same_page(graph, settings, account, expanded={opened})
    layout2 = plan(expanded, VIZ.collapse_over, {opened}, None, VIZ.collapse_budget)
    assert opened not in layout2.groups and set(layout.groups[opened]) & set(layout2.shown)
    assert {c["id"] for c in expanded["contacts"] if "title" in c} == set(layout2.shown)
    deal = next(o["id"] for o in big["opportunities"] if o["account"] == account)
    same_page(graph, settings, account, deal=deal)
    same_page(graph, settings, account, employees=True)
    same_page(graph, settings, account, employees=True, expanded={opened}, deal=deal)
    top = next(d["id"] for d in big["departments"] if d["account"] == account and not d.get("parent"))
    same_page(graph, settings, account, department=top)
    small = next(a["id"] for a in big["accounts"] if a["id"] != account)
    same_page(graph, settings, small, employees=True)
    with pytest.raises(NotFound):
        drawn_account_map(graph, settings, VIZ, "acc-nope")


def test_the_page_side_call_light_counts_the_same_people(big: dict[str, Any], client: TestClient) -> None:
    account = biggest(big)
    full = client.get(f"/viz/accounts/{account}/data").json()
    light = client.get(f"/viz/accounts/{account}/data", params={"light": "true"})
    assert light.status_code == 200
    body = light.json()
    assert body["light"] is True
    for part in ("departments", "circles", "opportunities", "reports_to"):
        assert body[part] == full[part], part
    assert [c["id"] for c in body["contacts"]] == [c["id"] for c in full["contacts"]]
    for mine, theirs in zip(body["contacts"], full["contacts"]):
        assert mine["department"] == theirs["department"] and mine["importance"] == theirs["importance"]
        assert mine["roles"] == [{"opportunity": r["opportunity"], "role": r["role"]} for r in theirs["roles"]]
        assert mine["circles"] == [{"id": c["id"], "role": c["role"]} for c in theirs["circles"]]
        assert "title" not in mine and "activities" not in mine
    assert body["influences"] == [] and body["knows"] == []
    assert client.get("/viz/accounts/acc-nope/data", params={"light": "true"}).status_code == 404
