""""Me": reach from me and my team, coaching that never tells the caller to ask themselves, my deals first."""
from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.db.graph import Graph
from app.models.keys import Role
from app.services.importer import import_bundle
from app.services.keys import create_key
from app.services.users import create_user


def as_employee(graph: Graph, username: str, employee: str | None) -> dict[str, str]:
    create_user(graph, username, "correct horse battery", Role.viewer, employee)
    return {"X-API-Key": create_key(graph, f"{username}-key", Role.viewer, user=username).key}


@pytest.fixture
def mini(graph: Graph, mini_bundle: dict[str, Any]) -> Graph:
    import_bundle(graph, mini_bundle)
    return graph


def employees_of(answer: dict[str, Any]) -> list[str]:
    return [p["employee"]["id"] for p in answer["paths"]]


def test_reach_from_me_and_my_team(anon_client: TestClient, mini: Graph, mini_bundle: dict[str, Any]) -> None:
    amy = as_employee(mini, "amy", "e-amy")
    everyone = anon_client.get("/contacts/c-cio/reach", headers=amy).json()
    assert len(set(employees_of(everyone))) > 1  # several colleagues reach the CIO, so the filter is visible
    mine = anon_client.get("/contacts/c-cio/reach?from=me", headers=amy).json()
    assert employees_of(mine) == ["e-amy"]
    assert mine == anon_client.get("/contacts/c-cio/reach?employees=e-amy", headers=amy).json()
    team = anon_client.get("/contacts/c-cio/reach?team=mine", headers=amy).json()
    east = {e["id"] for e in mini_bundle["employees"] if e.get("team") == "East"}
    assert employees_of(team) and set(employees_of(team)) <= east
    assert team == anon_client.get("/contacts/c-cio/reach?team=East", headers=amy).json()


def test_from_me_needs_a_caller_who_is_an_employee(anon_client: TestClient, mini: Graph) -> None:
    nobody = as_employee(mini, "auditor", None)
    answer = anon_client.get("/contacts/c-cio/reach?from=me", headers=nobody)
    assert answer.status_code == 422 and answer.json()["errors"][0]["field"] == "from"
    assert anon_client.get("/contacts/c-cio/reach?team=mine", headers=nobody).json()["errors"][0]["field"] == "team"
    assert anon_client.get("/contacts/c-cio/reach?from=you", headers=nobody).status_code == 422


# Sentences name colleagues, not ids (issue 19: ids belong in tooltips); mini's employee names are unique.
ASK = re.compile(r"Ask (.+?) for an introduction")
BRING = re.compile(r"the best colleague to bring in is (.+?)(?: through .+?| directly) \(score")


def test_coaching_never_tells_me_to_ask_myself(anon_client: TestClient, mini: Graph, mini_bundle: dict) -> None:
    id_of = {e["name"]: e["id"] for e in mini_bundle["employees"]}
    admin = {"X-API-Key": create_key(mini, "boss", Role.admin).key}
    plain = anon_client.get("/opportunities/o-wms/gaps", headers=admin).json()["gaps"]
    asked = {g["contact"]["id"]: id_of[ASK.search(g["action"]).group(1)] for g in plain
             if g["contact"] and ASK.search(g["action"])}
    assert asked, "the mini deal has gaps whose action names a colleague"
    for employee in sorted(set(asked.values())):
        me = as_employee(mini, f"u-{employee}", employee)
        mine = anon_client.get("/opportunities/o-wms/gaps", headers=me).json()["gaps"]
        assert len(mine) == len(plain)  # the same gaps, only the actions differ
        for gap in mine:
            name = next(n for n, i in id_of.items() if i == employee)
            assert f"Ask {name} for an introduction" not in gap["action"]
            contact = gap["contact"]["id"] if gap["contact"] else None
            if asked.get(contact) != employee:
                continue
            assert "You can reach them yourself" in gap["action"]
            reach = anon_client.get(f"/contacts/{contact}/reach", headers=me).json()
            others = [e for e in employees_of(reach) if e != employee]
            named = BRING.search(gap["action"])
            if others:  # the best colleague other than me, as reach ranks them
                assert named and id_of[named.group(1)] == others[0], gap["action"]
            else:
                assert named is None and "no other colleague" in gap["action"]


def test_my_deals_and_accounts(anon_client: TestClient, mini: Graph, mini_bundle: dict[str, Any]) -> None:
    amy = as_employee(mini, "amy", "e-amy")
    work = anon_client.get("/auth/me/work", headers=amy).json()
    assert [d["id"] for d in work["deals"]] == ["o-fin", "o-wms"]  # by name: Finance…, Warehouse…
    assert {d["account"] for d in work["deals"]} == {"acc-nw"}
    assert [a["id"] for a in work["accounts"]] == ["acc-nw"]
    assert work["employee_name"] == next(e["name"] for e in mini_bundle["employees"] if e["id"] == "e-amy")
    nobody = as_employee(mini, "auditor", None)
    assert anon_client.get("/auth/me/work", headers=nobody).json() == {"employee": None, "deals": [], "accounts": []}
