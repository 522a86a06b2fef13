"""seed/: the demo story and the scale generator, checked without a database.

Expected values come from domain.md / import-format.md and from how the demo is
built (seed/demo.py, seed/README.md), never from a previous run's output.
"""
from __future__ import annotations

import copy
import io
import json
import statistics
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from seed import demo
from seed.checks import bundle_problems
from seed.generate import Densities, generate_bundle, main, write_bundle
from seed.stats import node_counts, relationship_counts

SEED_DIR = Path(demo.__file__).parent
AS_OF = date(2026, 11, 22)   # the as_of that mini.expected.json and the demo story use
NEGATIVE = {"negative", "strong_negative"}
POSITIVE = {"positive", "strong_positive"}
KEY_ROLES = {"approver", "decision_maker"}


# --- helpers ---------------------------------------------------------------------------------------
def by_id(bundle: dict[str, Any], key: str) -> dict[str, dict[str, Any]]:
    return {row["id"]: row for row in bundle[key]}


def managers_of(bundle: dict[str, Any]) -> dict[str, str]:
    return {r["from"]: r["to"] for r in bundle["reports_to"] if not r.get("dotted")}


def direct_reports(bundle: dict[str, Any]) -> Counter[str]:
    return Counter(managers_of(bundle).values())


def depth(contact: str, manager: dict[str, str]) -> int:
    steps = 0
    while contact in manager:
        contact = manager[contact]
        steps += 1
        assert steps < 100, "reporting cycle"
    return steps


def roles_of(bundle: dict[str, Any], opp: str) -> list[dict[str, Any]]:
    return [r for r in bundle["roles"] if r["opportunity"] == opp]


def attitude(bundle: dict[str, Any], role: dict[str, Any]) -> str | None:
    """domain.md §7: the ROLE_IN attitude if set, else the contact's overall one."""
    return role.get("attitude") or by_id(bundle, "contacts")[role["contact"]].get("attitude")


def deal_activities(bundle: dict[str, Any], opp: str) -> list[dict[str, Any]]:
    return [a for a in bundle["activities"] if a.get("opportunity") == opp and a["date"] <= AS_OF.isoformat()]


def last_contact(bundle: dict[str, Any], opp: str, contact: str) -> date | None:
    days = [date.fromisoformat(a["date"]) for a in deal_activities(bundle, opp) if contact in a["contacts"]]
    return max(days) if days else None


@pytest.fixture(scope="module")
def small() -> dict[str, Any]:
    return generate_bundle(5, 30, 40, seed=11)


@pytest.fixture(scope="module")
def medium() -> dict[str, Any]:
    return generate_bundle(60, 120, 300, seed=3)


@pytest.fixture(scope="module")
def story() -> dict[str, Any]:
    return demo.build_demo()


@pytest.fixture(scope="module")
def three(story: dict[str, Any]) -> dict[str, Any]:
    """The story's three big accounts only (without seed/demo_portfolio.py's 24 small ones)."""
    small = {a["id"] for a in story["accounts"] if a["id"].startswith("acc-p")}
    people = {c["id"] for c in story["contacts"] if c["account"] in small}
    deals = {o["id"] for o in story["opportunities"] if o["account"] in small}
    keep = {
        "accounts": lambda r: r["id"] not in small, "contacts": lambda r: r["id"] not in people,
        "knows": lambda r: r["contact"] not in people, "opportunities": lambda r: r["id"] not in deals,
        "roles": lambda r: r["opportunity"] not in deals, "reports_to": lambda r: r["from"] not in people,
    }
    return {key: [r for r in rows if keep.get(key, lambda _: True)(r)] for key, rows in story.items()}


# --- the well-formedness checker itself --------------------------------------------------------------
def test_checker_accepts_a_valid_bundle_and_names_each_kind_of_problem(small: dict[str, Any]) -> None:
    assert bundle_problems(small) == []
    bad = copy.deepcopy(small)
    bad["contacts"][0]["attitude"] = "friendly"
    bad["contacts"][1]["closeness"] = 101
    bad["influences"][0]["strength"] = 1.5
    bad["knows"][0]["contact"] = "nobody"
    bad["roles"].append(dict(bad["roles"][0]))
    bad["opportunities"][0]["stage"] = "closed"
    bad["activities"][0]["date"] = "20.11.2026"
    problems = "\n".join(bundle_problems(bad))
    for expected in ("contacts[0].attitude", "contacts[1].closeness", "influences[0].strength",
                     "knows[0].contact: unknown contact", "second role row", "opportunities[0].stage",
                     "activities[0].date"):
        assert expected in problems


# --- generator: determinism, validity --------------------------------------------------------------
def test_same_seed_same_bundle_other_seed_other_bundle() -> None:
    first = generate_bundle(5, 30, 40, seed=5)
    assert first == generate_bundle(5, 30, 40, seed=5)
    assert json.dumps(first) == json.dumps(generate_bundle(5, 30, 40, seed=5))
    other = generate_bundle(5, 30, 40, seed=6)
    assert other != first
    assert [c["name"] for c in other["contacts"]] != [c["name"] for c in first["contacts"]]


@pytest.mark.parametrize("seed", [1, 2, 99])
def test_generated_bundles_are_valid(seed: int) -> None:
    bundle = generate_bundle(8, 40, 25, seed=seed, influence_per_contact=3, knows_per_employee=10,
                             circles_per_account=4, opportunities_per_account=5, activities_per_opportunity=12)
    assert bundle_problems(bundle) == []


def test_medium_bundle_is_valid(medium: dict[str, Any]) -> None:
    assert bundle_problems(medium) == []


def test_tiny_and_degenerate_sizes_are_valid() -> None:
    for args in [(1, 1, 1), (3, 2, 1), (2, 5, 2), (1, 7, 3)]:
        bundle = generate_bundle(*args, seed=1)
        assert bundle_problems(bundle) == [], args
        assert len(bundle["contacts"]) == args[0] * args[1]
        assert len(bundle["employees"]) == args[2]


def test_unknown_density_is_refused() -> None:
    with pytest.raises(TypeError, match="influences_per_contact"):
        generate_bundle(2, 10, 5, seed=1, influences_per_contact=2)
    with pytest.raises(ValueError):
        generate_bundle(0, 10, 5)


def test_ids_carry_the_account_and_never_collide(medium: dict[str, Any]) -> None:
    for key in ("departments", "contacts", "circles", "opportunities"):
        for row in medium[key]:
            assert row["id"].startswith(row["account"] + "-")
    accounts = by_id(medium, "opportunities")
    for activity in medium["activities"]:
        assert activity["id"].startswith(activity["opportunity"] + "-")
        assert all(c.startswith(accounts[activity["opportunity"]]["account"] + "-") for c in activity["contacts"])
    every_id = [row["id"] for key in ("accounts", "departments", "contacts", "circles", "employees",
                                      "opportunities", "competitors", "activities") for row in medium[key]]
    assert len(every_id) == len(set(every_id))


def test_links_stay_inside_one_account(medium: dict[str, Any]) -> None:
    account = {c["id"]: c["account"] for c in medium["contacts"]}
    opp_account = {o["id"]: o["account"] for o in medium["opportunities"]}
    for key in ("reports_to", "influences"):
        assert all(account[r["from"]] == account[r["to"]] for r in medium[key])
    for circle in medium["circles"]:
        assert {account[m["contact"]] for m in circle["members"]} == {circle["account"]}
    assert all(account[r["contact"]] == opp_account[r["opportunity"]] for r in medium["roles"])


def test_role_domain_and_one_row_per_opportunity_contact(medium: dict[str, Any]) -> None:
    pairs = [(r["opportunity"], r["contact"]) for r in medium["roles"]]
    assert len(pairs) == len(set(pairs))
    assert {r["role"] for r in medium["roles"]} == {"approver", "decision_maker", "evaluator", "user"}
    by_opp = defaultdict(list)
    for r in medium["roles"]:
        by_opp[r["opportunity"]].append(r["role"])
    assert all(roles.count("approver") == 1 for roles in by_opp.values())


# --- generator: shapes of real organisations ---------------------------------------------------------
def test_account_sizes_sum_exactly_and_are_heavy_tailed() -> None:
    bundle = generate_bundle(200, 50, 20, seed=4, influence_per_contact=0, knows_per_employee=0,
                             circles_per_account=0, opportunities_per_account=0)
    sizes = sorted(Counter(c["account"] for c in bundle["contacts"]).values())
    assert sum(sizes) == 200 * 50 and len(sizes) == 200
    assert sizes[0] >= 5
    assert sizes[-1] > 5 * statistics.median(sizes)      # a few giants ...
    assert statistics.median(sizes) < 50                  # ... and most accounts below the mean


def test_hierarchy_spans_and_depth(medium: dict[str, Any]) -> None:
    manager = managers_of(medium)
    spans = direct_reports(medium)
    assert max(spans.values()) <= 8
    full = [s for s in spans.values() if s >= 5]
    assert len(full) > 0.8 * len(spans)                   # only the last, partly filled managers have fewer
    account = {c["id"]: c["account"] for c in medium["contacts"]}
    roots = Counter(account[c["id"]] for c in medium["contacts"] if c["id"] not in manager)
    assert set(roots.values()) == {1}                     # one chief per account
    size = Counter(account.values())
    deepest: dict[str, int] = defaultdict(int)
    for contact in account:
        deepest[account[contact]] = max(deepest[account[contact]], depth(contact, manager))
    small_accounts = [deepest[a] for a, n in size.items() if n < 40]
    large_accounts = [deepest[a] for a, n in size.items() if n > 250]
    assert small_accounts and large_accounts
    assert max(small_accounts) <= 3 <= min(large_accounts)  # depth grows with size
    assert statistics.mean(large_accounts) >= statistics.mean(small_accounts) + 1.5


def test_dotted_lines_are_a_few_and_never_duplicate_the_solid_line(medium: dict[str, Any]) -> None:
    solid = managers_of(medium)
    dotted = [r for r in medium["reports_to"] if r.get("dotted")]
    assert 0 < len(dotted) < 0.05 * len(medium["contacts"])
    assert all(solid.get(r["from"]) != r["to"] for r in dotted)


def test_departments_form_one_tree_per_account(medium: dict[str, Any]) -> None:
    depts = by_id(medium, "departments")
    roots = Counter(d["account"] for d in depts.values() if "parent" not in d)
    assert set(roots.values()) == {1} and len(roots) == 60
    for d in depts.values():
        seen, node = set(), d
        while "parent" in node:
            assert node["id"] not in seen
            seen.add(node["id"])
            node = depts[node["parent"]]
            assert node["account"] == d["account"]
    nested = [d for d in depts.values() if "parent" in d and "parent" in depts[d["parent"]]]
    assert nested, "big accounts have sub-departments"


def test_influence_is_heavy_tailed() -> None:
    bundle = generate_bundle(1, 2000, 10, seed=8, opportunities_per_account=0, knows_per_employee=0)
    out_degree = Counter(r["from"] for r in bundle["influences"])
    degrees = sorted(out_degree.values(), reverse=True)
    assert len(bundle["influences"]) == pytest.approx(2.0 * 2000, rel=0.05)
    assert degrees[0] >= 15 * statistics.median(degrees)   # a few contacts sway many
    assert len(out_degree) < 0.8 * 2000                     # many sway nobody


def test_knows_counts_are_heavy_tailed(medium: dict[str, Any]) -> None:
    counts = Counter(k["employee"] for k in medium["knows"])
    values = sorted(counts.values(), reverse=True)
    assert len(medium["knows"]) == pytest.approx(40 * 300, rel=0.05)
    assert values[0] >= 5 * statistics.median(values)
    top_tenth = sum(values[: len(values) // 10])
    assert top_tenth > 0.25 * sum(values)                  # 10% of colleagues hold over a quarter of the ties


def test_densities_drive_the_counts() -> None:
    dense = generate_bundle(20, 60, 50, seed=2, influence_per_contact=4, knows_per_employee=20,
                            circles_per_account=2, opportunities_per_account=6, activities_per_opportunity=10)
    sparse = generate_bundle(20, 60, 50, seed=2, influence_per_contact=1, knows_per_employee=5,
                             circles_per_account=0, opportunities_per_account=1, activities_per_opportunity=2)
    assert len(dense["influences"]) > 3 * len(sparse["influences"])
    assert len(dense["knows"]) == pytest.approx(20 * 50, rel=0.1)
    assert len(sparse["knows"]) == pytest.approx(5 * 50, rel=0.15)
    assert sparse["circles"] == [] and len(dense["circles"]) >= 20
    assert len(dense["opportunities"]) == pytest.approx(120, rel=0.25)
    assert len(dense["activities"]) == pytest.approx(10 * len(dense["opportunities"]), rel=0.25)


def test_activities_cover_eighteen_months_and_have_valid_dates(medium: dict[str, Any]) -> None:
    days = sorted(a["date"] for a in medium["activities"])
    first, last = date.fromisoformat(days[0]), date.fromisoformat(days[-1])
    assert last <= date(2026, 11, 20) and last >= date(2026, 11, 1)
    assert first >= date(2026, 11, 20) - timedelta(days=548) and first <= date(2025, 7, 1)
    for o in medium["opportunities"]:
        date.fromisoformat(o["close_date"])


# --- stats and CLI --------------------------------------------------------------------------------
def test_counts_follow_the_model() -> None:
    bundle = {
        "accounts": [{"id": "a", "name": "A"}],
        "departments": [{"id": "d1", "name": "D", "account": "a"}, {"id": "d2", "name": "E", "account": "a",
                                                                      "parent": "d1"}],
        "contacts": [{"id": "c1", "name": "X", "account": "a", "department": "d1"},
                     {"id": "c2", "name": "Y", "account": "a"}],
        "reports_to": [{"from": "c2", "to": "c1"}],
        "circles": [{"id": "g", "name": "G", "account": "a", "members": [{"contact": "c1", "role": "leader"},
                                                                         {"contact": "c2", "role": "member"}]}],
        "employees": [{"id": "e1", "name": "P"}, {"id": "e2", "name": "Q", "manager": "e1"}],
        "opportunities": [{"id": "o", "name": "O", "account": "a", "owner": "e1"}],
        "competitors": [{"id": "k", "name": "K", "opportunities": [{"opportunity": "o", "need_satisfaction": 1,
                                                                    "closeness": 2}]}],
        "activities": [{"id": "t1", "employee": "e1", "contacts": ["c1", "c2"], "opportunity": "o", "type": "call",
                        "date": "2026-01-01"},
                       {"id": "t2", "employee": "e2", "contacts": ["c1"], "type": "call", "date": "2026-01-02"}],
    }
    assert node_counts(bundle) == {"Account": 1, "Department": 2, "Contact": 2, "Employee": 2, "Circle": 1,
                                   "Opportunity": 1, "Competitor": 1, "Activity": 2}
    rels = relationship_counts(bundle)
    assert rels == {"PART_OF": 2, "WORKS_AT": 2, "WORKS_IN": 1, "REPORTS_TO": 2, "INFLUENCES": 0, "MEMBER_OF": 2,
                    "IN": 1, "KNOWS": 0, "FOR": 1, "OWNS": 1, "ROLE_IN": 0, "COMPETES_IN": 1, "LOGGED": 2,
                    "WITH": 3, "ABOUT": 1}


def test_streamed_file_equals_the_in_memory_bundle(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "bundle.json"
    assert main(["--accounts", "6", "--contacts-per-account", "25", "--employees", "15", "--seed", "9",
                 "--influence-per-contact", "1.5", "--out", str(out)]) == 0
    expected = generate_bundle(6, 25, 15, seed=9, influence_per_contact=1.5)
    assert json.loads(out.read_text(encoding="utf-8")) == expected
    err = capsys.readouterr().err
    assert f"Contact {6 * 25}" in err and "relationships" in err
    main(["--accounts", "6", "--contacts-per-account", "25", "--employees", "15", "--seed", "9",
          "--influence-per-contact", "1.5", "--stdout"])
    assert json.loads(capsys.readouterr().out) == expected


def test_hundred_thousand_contacts_at_the_issue_scale() -> None:
    """The issue's scale: 1,000 accounts × 100 contacts, 2,000 employees, about a million relationships.

    How long it takes is measured in benchmarks/, not asserted here (the machine is shared).
    """
    class Sink(io.TextIOBase):
        """Counts what would be written, so the test holds no 65 MB string."""

        chars = 0

        def write(self, text: str) -> int:
            self.chars += len(text)
            return len(text)

    sink = Sink()
    nodes, rels = write_bundle(sink, 1000, 100, 2000, seed=7)
    assert sink.chars > 30_000_000
    assert nodes["Contact"] == 100_000 and nodes["Account"] == 1000 and nodes["Employee"] == 2000
    assert 800_000 < sum(rels.values()) < 1_300_000
    assert rels["WORKS_AT"] == 100_000
    defaults = Densities()
    assert rels["INFLUENCES"] == pytest.approx(defaults.influence_per_contact * 100_000, rel=0.05)
    assert rels["KNOWS"] == pytest.approx(defaults.knows_per_employee * 2000, rel=0.05)


# --- the demo story --------------------------------------------------------------------------------
def test_demo_json_is_what_demo_py_writes(story: dict[str, Any]) -> None:
    assert (SEED_DIR / "demo.json").read_text(encoding="utf-8") == demo.dumps(story)
    assert demo.build_demo() == story


def test_demo_is_valid(story: dict[str, Any]) -> None:
    assert bundle_problems(story) == []
    assert set(story) == set(demo.KEYS)


def test_demo_accounts_sizes_and_org_chart(three: dict[str, Any]) -> None:
    story = three
    size = Counter(c["account"] for c in story["contacts"])
    assert len(story["accounts"]) == 3
    large, *others = [a for a, _ in size.most_common()]
    assert size[large] >= 120
    assert all(15 <= size[a] <= 30 for a in others)
    manager = managers_of(story)
    in_large = [c["id"] for c in story["contacts"] if c["account"] == large]
    spans = Counter(manager[c] for c in in_large if c in manager)
    assert max(spans.values()) <= 8 and statistics.mean(spans.values()) >= 3
    assert max(depth(c, manager) for c in in_large) >= 3
    assert len({c.get("department") for c in story["contacts"] if c["account"] == large}) >= 8
    dotted = [r for r in story["reports_to"] if r.get("dotted") and r["from"] in set(in_large)]
    assert 1 <= len(dotted) <= 5


def test_demo_politics_two_hostile_circles_and_an_advisor(three: dict[str, Any]) -> None:
    story = three
    contacts = by_id(story, "contacts")
    large = Counter(c["account"] for c in story["contacts"]).most_common(1)[0][0]
    circles = [c for c in story["circles"] if c["account"] == large]
    assert len(circles) == 2
    camps = [{m["contact"] for m in c["members"]} for c in circles]
    assert not camps[0] & camps[1]
    assert all(sum(m["role"] == "leader" for m in c["members"]) == 1 for c in circles)
    across = [r for r in story["influences"] if {r["from"], r["to"]} & camps[0] and {r["from"], r["to"]} & camps[1]
              and not ({r["from"], r["to"]} <= camps[0] or {r["from"], r["to"]} <= camps[1])]
    assert across == []                                   # the camps do not sway each other
    manager = managers_of(story)
    ceo = next(c for c in contacts.values() if c["account"] == large and c["id"] not in manager
               and any(m == c["id"] for m in manager.values()))
    advisors = [c for c in contacts.values() if c["account"] == large and "Board Advisor" in c.get("title", "")]
    assert len(advisors) == 1
    assert any(r["from"] == advisors[0]["id"] and r["to"] == ceo["id"] for r in story["influences"])


def test_demo_our_company(three: dict[str, Any]) -> None:
    story = three
    employees = story["employees"]
    assert len(employees) == 30
    assert sum(1 for e in employees if "manager" not in e) == 1
    assert len({e["team"] for e in employees}) >= 5
    ties = Counter(k["employee"] for k in story["knows"])
    counts = [ties.get(e["id"], 0) for e in employees]
    assert sum(1 for n in counts if n >= 6) in range(2, 6)          # a few well-connected people
    assert sum(1 for n in counts if 1 <= n <= 5) >= 20              # most have one to five ties


def test_demo_deals(three: dict[str, Any]) -> None:
    story = three
    opps = story["opportunities"]
    assert len(opps) == 6
    assert len({o["stage"] for o in opps}) >= 5 and len({o["grade"] for o in opps}) >= 4
    assert all(roles_of(story, o["id"]) for o in opps)
    assert all(len(deal_activities(story, o["id"])) >= 3 for o in opps)
    opp_account = {o["id"]: o["account"] for o in opps}
    account = {c["id"]: c["account"] for c in story["contacts"]}
    for a in story["activities"]:
        if a.get("opportunity"):
            assert {account[c] for c in a["contacts"]} == {opp_account[a["opportunity"]]}
    assert len(story["competitors"]) >= 3


def test_demo_activities_span_eighteen_months(story: dict[str, Any]) -> None:
    days = sorted(date.fromisoformat(a["date"]) for a in story["activities"])
    assert days[-1] <= date(2026, 11, 22) and days[-1] >= date(2026, 11, 15)
    assert 530 <= (days[-1] - days[0]).days <= 560


def test_single_threaded_deal(story: dict[str, Any]) -> None:
    acts = deal_activities(story, demo.SINGLE)
    members = {r["contact"] for r in roles_of(story, demo.SINGLE)}
    assert len(acts) >= 5
    assert len({a["employee"] for a in acts if set(a["contacts"]) & members}) == 1
    approver = next(r["contact"] for r in roles_of(story, demo.SINGLE) if r["role"] == "approver")
    assert last_contact(story, demo.SINGLE, approver) is None   # the general manager was never met


def test_veto_deal(story: dict[str, Any]) -> None:
    vetoes = [r for r in roles_of(story, demo.VETO)
              if r["role"] in KEY_ROLES and r.get("one_vote_veto") and attitude(story, r) in NEGATIVE]
    assert len(vetoes) == 1
    seen = last_contact(story, demo.VETO, vetoes[0]["contact"])
    assert seen is not None and (AS_OF - seen).days > 60       # STALE_KEY_PERSON as well
    ours_close = statistics.mean(
        r.get("closeness", by_id(story, "contacts")[r["contact"]].get("closeness", 0))
        for r in roles_of(story, demo.VETO))
    rivals = [e for k in story["competitors"] for e in k["opportunities"] if e["opportunity"] == demo.VETO]
    assert any(e["closeness"] > ours_close for e in rivals)    # BEHIND_COMPETITOR


def test_healthy_deal_has_no_gaps_by_construction(story: dict[str, Any]) -> None:
    """Each domain.md §7 rule that can be checked without the graph, for the healthy deal."""
    opp = by_id(story, "opportunities")[demo.HEALTHY]
    roles = roles_of(story, demo.HEALTHY)
    contacts = by_id(story, "contacts")
    assert opp["compelling_event"] is True
    assert {"approver", "decision_maker", "evaluator"} <= {r["role"] for r in roles}
    assert any(r.get("inside_source") for r in roles)
    key = [r for r in roles if r["role"] in KEY_ROLES]
    assert all(attitude(story, r) in POSITIVE for r in key)
    for r in key:
        seen = last_contact(story, demo.HEALTHY, r["contact"])
        assert seen is not None and (AS_OF - seen).days < 60, r["contact"]
    known = {k["contact"] for k in story["knows"]}
    assert all(r["contact"] in known for r in key)            # a warm, one-step path to each key person
    for r in roles:
        if r.get("one_vote_veto"):
            assert attitude(story, r) in POSITIVE
        c = contacts[r["contact"]]
        assert c.get("orientation") and attitude(story, r)
        assert all(r.get(d, c.get(d)) is not None for d in ("closeness", "solution_acceptance", "price_acceptance"))
    members = {r["contact"] for r in roles}
    acts = deal_activities(story, demo.HEALTHY)
    recent = [a for a in acts if (AS_OF - date.fromisoformat(a["date"])).days <= 60]
    assert len({a["employee"] for a in acts if set(a["contacts"]) & members}) >= 3
    assert len({a["employee"] for a in recent}) >= 3
    ours_close = statistics.mean(r.get("closeness", contacts[r["contact"]]["closeness"]) for r in roles)
    rivals = [e for k in story["competitors"] for e in k["opportunities"] if e["opportunity"] == demo.HEALTHY]
    assert rivals and all(e["closeness"] <= ours_close and e["need_satisfaction"] <= opp["need_satisfaction"]
                          for e in rivals)


def test_readme_names_the_story_deals() -> None:
    text = (SEED_DIR / "README.md").read_text(encoding="utf-8")
    for opp in (demo.HEALTHY, demo.VETO, demo.SINGLE):
        assert opp in text


def test_demo_portfolio_small_accounts(story: dict[str, Any]) -> None:
    small = [a["id"] for a in story["accounts"] if a["id"].startswith("acc-p")]
    assert small == [f"acc-p{i:02d}" for i in range(1, 25)]
    size = Counter(c["account"] for c in story["contacts"] if c["account"] in small)
    assert set(size.values()) == {4}
    known = {k["contact"].rsplit("-", 1)[0].replace("c-p", "acc-p") for k in story["knows"] if k["contact"].startswith("c-p")}
    assert not known & {"acc-p21", "acc-p22", "acc-p23", "acc-p24"}  # the coverage gaps


def test_demo_history_has_seventeen_months_before_the_bundle(story: dict[str, Any]) -> None:
    from seed.demo_history import steps

    history = steps(story)
    assert [day.isoformat() for day, _ in history][:2] == ["2025-06-30", "2025-07-31"] and len(history) == 17
    assert history[-1][0].isoformat() == "2026-10-31"
    assert all(bundle_problems(part) == [] for _, part in history[:1])
    cfo = [next(c for c in part["contacts"] if c["id"] == "c-jh-cfo").get("closeness") for _, part in history]
    assert cfo[0] > cfo[-1]  # the veto holder cooled over the year
