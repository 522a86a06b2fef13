"""Issue 15: the company-wide views updated from each write's declared changes (app.services.company_state)
give exactly the answers of a fresh build from the whole graph, after every kind of curation write and
undo, on a random messy graph; a write that declares nothing, or a wiped graph, makes them rebuild."""
from __future__ import annotations

import json
import random
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.core.config import Settings
from app.core.levels_config import ManagerSettings
from app.db.graph import Graph
from app.ingest.capture import capture_calendar, capture_mail, path_mail_messages
from app.ingest.mail_source import MailStats
from app.models.entities import AccountIn, ContactIn, OpportunityIn
from app.services import company_state as cs
from app.services import declared_cache, key_accounts
from app.services.graph_changes import changes_since
from app.services.importer import import_bundle
from app.services.ties import recompute
from tests import reach_oracle
from tests.conftest import wipe

pytestmark = pytest.mark.integration
CAPTURE = Path(__file__).resolve().parents[1] / "data" / "capture"


def messy_bundle(seed: int) -> dict[str, Any]:
    """reach_oracle's random bundle (one account) plus a second account influenced from the first, closeness
    and importance values, open and won deals with approvers, decision makers and users."""
    rng = random.Random(seed)
    data = reach_oracle.random_bundle(seed, contacts=60, employees=10, influence=1.0)
    for row in data["contacts"]:
        if rng.random() < 0.8:
            row["closeness"] = rng.choice([30, 45, 65, 85, 95])
        if rng.random() < 0.5:
            row["importance"] = rng.randint(1, 5)
    data["accounts"].append({"id": "acc-s", "name": "Second"})
    second = [{"id": f"s-{i}", "name": f"S{i}", "account": "acc-s", "closeness": rng.choice([50, 85]),
               "importance": rng.randint(3, 5)} for i in range(8)]
    data["contacts"] += second
    data["influences"] += [{"from": rng.choice(data["contacts"][:60])["id"], "to": s["id"]} for s in second[:5]]
    ids = [c["id"] for c in data["contacts"][:60]]
    data["opportunities"] = [{"id": f"o-{k}", "name": f"Deal {k}", "account": "acc-r", "amount": 100 * (k + 1),
                              "stage": "won" if k == 3 else "bid"} for k in range(5)]
    data["opportunities"].append({"id": "o-s", "name": "Second deal", "account": "acc-s", "amount": 50, "stage": "bid"})
    roles = {}
    for o in data["opportunities"][:5]:
        for cid in rng.sample(ids, 4):
            roles[(o["id"], cid)] = rng.choice(["approver", "decision_maker", "user"])
    data["roles"] = [{"opportunity": o, "contact": c, "role": r} for (o, c), r in roles.items()]
    data["knows"] += [{"employee": "e-00", "contact": "s-1"}, {"employee": "e-01", "contact": "s-2"}]
    return data


def views(state: cs.CompanyState) -> dict[str, Any]:
    return {"impacts": [i.model_dump() for i in state.impacts.values()],
            "ranking": [r.model_dump() for r in state.ranking],
            "coverage": {a: r.model_dump() for a, r in sorted(state.coverage.items())},
            "levels": [a.model_dump() for a in state.levels_sorted]}


def normal_ties(reps: Any) -> list[Any]:
    """Rep ties in one order (the query's collect order is not defined; the levels sort what they show)."""
    return sorted((r["id"], r["name"], r["title"], r["team"],
                   sorted((a["account"], a["name"], sorted((c["id"], c["name"], c["closeness"]) for c in a["contacts"]))
                          for a in r["accounts"])) for r in reps)


def assert_ties_as_queried(graph: Graph, state: cs.CompanyState) -> None:
    """The state builds rep ties from the rows it holds; they must be what cypher/rep_account_ties.cypher says."""
    assert normal_ties(state.reps.values()) == normal_ties(graph.read("rep_account_ties", employees=None))


def fresh(graph: Graph, settings: Settings, ms: ManagerSettings) -> dict[str, Any]:
    state = cs.CompanyState(settings, ms)
    state.build(graph, None, None)
    return views(state)


def random_write(client: TestClient, rng: random.Random, data: dict[str, Any], entries: list[str],
                 kind: str | None = None) -> str:
    """One curation write through the API (or an undo); returns what it was (for the assertion message)."""
    contacts = [c["id"] for c in data["contacts"]]
    employees = [e["id"] for e in data["employees"]]
    c1, c2 = rng.sample(contacts, 2)
    e = rng.choice(employees)
    o = rng.choice([o["id"] for o in data["opportunities"]])
    kind = kind or rng.choice(["knows+", "knows+", "knows-", "influences+", "influences-", "reports+", "member+",
                       "member-", "attitude", "closeness", "role+", "role-", "role~", "stage", "account",
                       "contact+", "contact-", "employee-", "undo", "undo"])
    if kind == "knows+":
        r = client.put(f"/employees/{e}/knows/{c1}", json={"strength": round(rng.random(), 2)})
    elif kind == "knows-":
        r = client.delete(f"/employees/{e}/knows/{c1}")
    elif kind == "influences+":
        r = client.put(f"/contacts/{c1}/influences/{c2}", json={})
    elif kind == "influences-":
        r = client.delete(f"/contacts/{c1}/influences/{c2}")
    elif kind == "reports+":
        r = client.put(f"/contacts/{c1}/reports-to/{c2}", json={})
    elif kind == "member+":
        r = client.put(f"/circles/ci-{rng.randrange(5)}/members/{c1}", json={"role": "member"})
    elif kind == "member-":
        r = client.delete(f"/circles/ci-{rng.randrange(5)}/members/{c1}")
    elif kind == "attitude":
        row = client.get(f"/contacts/{c1}").json()
        body = {k: v for k, v in row.items() if k in ContactIn.model_fields and v is not None}
        body["attitude"] = rng.choice(["negative", "positive", "neutral", "strong_negative"])
        body["importance"] = rng.randint(1, 5)
        r = client.put(f"/contacts/{c1}", json=body)
    elif kind == "closeness":      # rep ties and degrees read it, reach does not
        row = client.get(f"/contacts/{c1}").json()
        body = {k: v for k, v in row.items() if k in ContactIn.model_fields and v is not None}
        body["closeness"] = rng.choice([20, 50, 70, 85, 95])
        body["name"] = f"{body.get('name', c1)}."
        r = client.put(f"/contacts/{c1}", json=body)
    elif kind == "account":        # an account's own values: names in the views, the key-account scores
        a = rng.choice(["acc-r", "acc-s"])
        row = client.get(f"/accounts/{a}").json()
        body = {k: v for k, v in row.items() if k in AccountIn.model_fields and v is not None}
        body.update(name=f"{row['name']}+", revenue=rng.randint(0, 100), region=rng.choice(["east", "west"]))
        r = client.put(f"/accounts/{a}", json=body)
    elif kind == "role~":          # the attitude on ROLE_IN: key contacts read it
        pairs = [(x["opportunity"], x["contact"]) for x in data["roles"]]
        o2, c3 = rng.choice(pairs)
        role = next(x["role"] for x in data["roles"] if (x["opportunity"], x["contact"]) == (o2, c3))
        r = client.put(f"/opportunities/{o2}/roles/{c3}",
                       json={"role": role, "attitude": rng.choice(["negative", "positive", "strong_negative"])})
    elif kind == "role+":
        r = client.put(f"/opportunities/{o}/roles/{c1}", json={"role": rng.choice(["approver", "decision_maker"])})
    elif kind == "role-":
        r = client.delete(f"/opportunities/{o}/roles/{c1}")
    elif kind == "stage":
        row = client.get(f"/opportunities/{o}").json()
        body = {k: v for k, v in row.items() if k in OpportunityIn.model_fields and v is not None}
        body["stage"] = rng.choice(["won", "bid", "lost", "validate"])
        r = client.put(f"/opportunities/{o}", json=body)
    elif kind == "contact+":
        new = f"n-{rng.randrange(10**6)}"
        r = client.put(f"/contacts/{new}", json={"name": new, "account": "acc-r", "closeness": 90})
        if r.status_code < 300:
            data["contacts"].append({"id": new})
            client.put(f"/employees/{e}/knows/{new}", json={})
    elif kind == "contact-":
        r = client.delete(f"/contacts/{c1}")
        if r.status_code < 300:
            data["contacts"] = [c for c in data["contacts"] if c["id"] != c1]
    elif kind == "employee-":
        r = client.delete(f"/employees/{e}")
        if r.status_code < 300:
            data["employees"] = [x for x in data["employees"] if x["id"] != e]
    else:
        if not entries:
            return "undo (nothing yet)"
        r = client.post(f"/audit/{entries[0] if rng.random() < 0.7 else rng.choice(entries)}/undo")  # newest first
    if kind != "undo":
        entries[:] = [row["id"] for row in client.get("/audit", params={"limit": 50}).json()]
    return f"{kind} {e} {c1} {c2} {o}: {r.status_code}"


@pytest.mark.parametrize("seed", [3, 4])
def test_views_updated_from_declared_changes_equal_a_fresh_build(graph: Graph, client: TestClient,
                                                               settings: Settings, seed: int) -> None:
    data = messy_bundle(seed)
    import_bundle(graph, data)
    ms = ManagerSettings()
    cs.clear()
    state = cs.company_state(graph, settings, ms)
    assert views(state) == fresh(graph, settings, ms)
    counts = views(state)
    assert {r["contacts"] > 0 for r in counts["ranking"]} == {True, False}        # not vacuous: some at risk
    assert any(r["gap"] for r in counts["coverage"].values())
    builds = state.builds
    rng = random.Random(seed)
    entries: list[str] = []
    done = []
    rebuilt = []
    for step in range(40):
        done.append(random_write(client, rng, data, entries, "undo" if step % 5 == 4 else None))
        state = cs.company_state(graph, settings, ms)
        if state.builds != builds + len(rebuilt):
            rebuilt.append(done[-1])
        assert views(state) == fresh(graph, settings, ms), done
        if step % 10 == 9:
            assert_ties_as_queried(graph, state)
        assert score_rows(client) == fresh_scores(graph, settings), done
    assert not rebuilt, "every curation write and undo is applied from its changes, none rebuilds"
    assert state.refreshes >= 30
    happened = {d.split()[0] for d in done if d.endswith((": 200", ": 201", ": 204"))}
    assert len([d for d in done if d.endswith((": 200", ": 201", ": 204"))]) >= 20, done  # most writes happened
    assert {"knows+", "attitude", "stage", "undo"} <= happened, [d for d in done if d.startswith("undo")]
    assert {"closeness", "account", "role~"} & happened, done


def score_rows(client: TestClient) -> Any:
    """GET /accounts/scores: kept across writes that name no changed account (app.services.declared_cache)."""
    return client.get("/accounts/scores", params={"limit": 1000}).json()


def fresh_scores(graph: Graph, settings: Settings) -> Any:
    """The same answer read afresh (the cache bypassed, the one the API holds left as it is)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(key_accounts, "cached_declared", lambda g, view, params, build, touches: build())
        return key_accounts.score_accounts(graph, settings, limit=1000).model_dump(mode="json")


def test_key_account_scores_kept_across_other_writes_and_read_again_after_an_account_write(
        graph: Graph, client: TestClient, settings: Settings) -> None:
    import_bundle(graph, messy_bundle(8))
    declared_cache.clear()
    reads: list[str] = []
    real = Graph.read

    def counting(self: Graph, name: str, /, **params: Any) -> Any:
        reads.append(name)
        return real(self, name, **params)

    first = score_rows(client)
    assert [a["id"] for a in first["accounts"]] == ["acc-r", "acc-s"]
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(Graph, "read", counting)
        assert client.put("/employees/e-00/knows/c-001", json={}).status_code in (200, 201)
        assert score_rows(client) == first and "key_account_scores" not in reads      # kept: no account changed
        body = {"name": "Second", "revenue": 100, "potential": 100}
        assert client.put("/accounts/acc-s", json=body).status_code == 200
        after = score_rows(client)
        assert "key_account_scores" in reads                                          # read again
    assert [a["id"] for a in after["accounts"]] == ["acc-s", "acc-r"] and after["accounts"][0]["revenue"] == 100
    graph.write("graph_version")                       # undeclared: read again, same answer
    assert score_rows(client) == after == fresh_scores(graph, settings)


def started(graph: Graph, settings: Settings, seed: int) -> tuple[dict[str, Any], ManagerSettings, cs.CompanyState]:
    """messy_bundle(seed) imported and the views' state built from it (nothing kept from an earlier test)."""
    data = messy_bundle(seed)
    import_bundle(graph, data)
    ms = ManagerSettings()
    cs.clear()
    return data, ms, cs.company_state(graph, settings, ms)


def test_undeclared_writes_and_wiped_graphs_rebuild(graph: Graph, client: TestClient, settings: Settings) -> None:
    data, ms, state = started(graph, settings, 5)
    builds = state.builds
    assert client.put("/employees/e-00/knows/c-001", json={}).status_code in (200, 201)
    version, token, changes = changes_since(graph, state.version, state.token)
    assert changes is not None and "c-001" in changes.contacts and "e-00" in changes.employees
    assert cs.company_state(graph, settings, ms).builds == builds
    graph.write("graph_version")            # a write that declares nothing: its changes are unknown
    assert changes_since(graph, state.version, state.token)[2] is None
    assert cs.company_state(graph, settings, ms).builds == builds + 1
    import_bundle(graph, {"knows": [{"employee": "e-01", "contact": "c-002"}]})   # an import declares (below)
    assert cs.company_state(graph, settings, ms).builds == builds + 1
    assert views(state) == fresh(graph, settings, ms)
    assert_ties_as_queried(graph, state)
    # a wiped graph starts a new chain: the state held must not be taken for it
    wipe(graph)
    import_bundle(graph, messy_bundle(6))
    state = cs.company_state(graph, settings, ms)
    assert state.builds == builds + 2 and views(state) == fresh(graph, settings, ms)


def test_imports_declare_what_they_wrote(graph: Graph, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    """A re-import that moves a contact to another account (its roles in the old account's open deals end),
    adds a tie, a contact and a role and changes a deal: the views refresh from the import's records, no rebuild,
    and equal a fresh build. A failed import (rolled back) and one too big to list rebuild instead."""
    data, ms, state = started(graph, settings, 9)
    builds = state.builds
    open_deals = {o["id"] for o in data["opportunities"] if o["stage"] != "won" and o["account"] == "acc-r"}
    mover = next(r["contact"] for r in data["roles"] if r["opportunity"] in open_deals)
    moved = {**next(c for c in data["contacts"] if c["id"] == mover), "account": "acc-s"}
    moved.pop("department", None)
    ended = {r["opportunity"] for r in data["roles"] if r["contact"] == mover and r["opportunity"] in open_deals}
    deal = {**next(o for o in data["opportunities"] if o["id"] not in ended and o["account"] == "acc-r"),
            "amount": 12345}
    again = {"contacts": [moved, {"id": "n-1", "name": "New", "account": "acc-s", "closeness": 90}],
             "knows": [{"employee": "e-02", "contact": "n-1"}, {"employee": "e-03", "contact": "s-3"}],
             "opportunities": [deal], "roles": [{"opportunity": "o-s", "contact": "n-1", "role": "approver"}]}
    import_bundle(graph, again)
    _, _, changes = changes_since(graph, state.version, state.token)
    assert changes is not None, "every transaction of the import declared"
    assert {mover, "n-1", "s-3"} <= changes.contacts and {"acc-r", "acc-s"} <= changes.accounts  # moved: both
    assert {"e-02", "e-03"} <= changes.employees
    assert ended and ended | {"o-s", deal["id"]} <= changes.opportunities   # the deals whose roles ended, too
    state = cs.company_state(graph, settings, ms)
    assert state.builds == builds and views(state) == fresh(graph, settings, ms)
    assert_ties_as_queried(graph, state)

    def failing(tx: Any) -> None:
        raise RuntimeError("the switch fails")

    with pytest.raises(RuntimeError):
        import_bundle(graph, {"knows": [{"employee": "e-04", "contact": "c-004"}]}, in_switch=failing)
    state = cs.company_state(graph, settings, ms)      # rolled back by undeclared writes: rebuilt
    assert state.builds == builds + 1 and views(state) == fresh(graph, settings, ms)

    from app.services import import_batches, import_changes
    monkeypatch.setattr(import_batches, "ImportDeclarations", lambda: import_changes.ImportDeclarations(most=3))
    import_bundle(graph, {"knows": [{"employee": "e-05", "contact": c} for c in ("c-001", "c-002", "c-003")]})
    assert changes_since(graph, state.version, state.token)[2] is None   # over the budget: nothing listed
    state = cs.company_state(graph, settings, ms)
    assert state.builds == builds + 2 and views(state) == fresh(graph, settings, ms)


def test_sign_ins_and_keys_do_not_rebuild(graph: Graph, client: TestClient, settings: Settings) -> None:
    import_bundle(graph, messy_bundle(7))
    ms = ManagerSettings()
    cs.clear()
    state = cs.company_state(graph, settings, ms)
    builds, refreshes = state.builds, state.refreshes
    assert client.post("/keys", json={"name": "another", "role": "viewer"}).status_code == 201
    state = cs.company_state(graph, settings, ms)
    assert state.builds == builds and state.refreshes == refreshes + 1


def test_captures_and_tie_recomputes_declare_their_ties(graph: Graph, settings: Settings) -> None:
    """Mail and calendar capture (activities: nothing the views read) and the derived ties they bring, then a
    full recompute later on that turns them dormant: all applied from their declared changes, no rebuild."""
    data = json.loads((CAPTURE / "people.json").read_text(encoding="utf-8"))
    data["roles"] = [{"opportunity": "o-1", "contact": "c-zw", "role": "decision_maker"},
                     {"opportunity": "o-1", "contact": "c-li", "role": "approver"}]
    import_bundle(graph, data)
    ms = ManagerSettings()
    cs.clear()
    state = cs.company_state(graph, settings, ms)
    builds = state.builds
    before = views(state)
    assert not any(r["reachable"] for r in before["coverage"].values())  # nobody knows anybody yet

    capture_calendar(graph, settings, [("meetings.ics", (CAPTURE / "meetings.ics").read_bytes())],
                     start=date(2026, 9, 1), end=date(2026, 11, 10), today=date(2026, 11, 10))
    state = cs.company_state(graph, settings, ms)
    captured = views(state)
    assert state.builds == builds and captured == fresh(graph, settings, ms)
    assert captured != before and any(r["reachable"] for r in captured["coverage"].values())  # derived KNOWS reach
    assert_ties_as_queried(graph, state)

    stats = MailStats()
    messages = list(path_mail_messages(CAPTURE / "thread.mbox", stats, settings))
    capture_mail(graph, settings, messages, stats, as_of=date(2026, 11, 10))
    state = cs.company_state(graph, settings, ms)
    assert state.builds == builds and views(state) == fresh(graph, settings, ms)

    totals = recompute(graph, settings, as_of=date(2027, 9, 1))          # a year on: every derived tie dormant
    assert totals["dormant"] > 0 and totals["live"] == 0
    state = cs.company_state(graph, settings, ms)
    assert state.builds == builds and views(state) == fresh(graph, settings, ms)
    assert views(state) == before                                         # nobody reaches anybody again
    assert_ties_as_queried(graph, state)
