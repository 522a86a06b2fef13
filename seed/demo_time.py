"""The demo's time story (issue 17): a falling win-rate curve, a champion who left, a former champion elsewhere.

`add_people` adds the two people who move to the final demo bundle (seed/demo.json):
- Ma Lin `c-rf-itdir`, Ruifeng's IT director, was a strong_positive decision maker on the LIMS deal
  and left Ruifeng on 2026-11-09 (`left_at`): "champion left" on an open deal;
- Zhou Min `c-rf-ops`, now Ruifeng's head of operations, came from Lanting (`previous_account`), where she
  evaluated the POS deal and backed us: "former champion at Ruifeng", known by Tian Bin.

A single bundle has no past, so `history_steps` gives the earlier states of the demo as dated bundles
(`brm demo` imports them before demo.json): the finance shared-services deal (`o-jh-fssc`) starts with no
compelling event (no win rate), gets one at the end of August with Yonyou and Kingdee still weak, then their
ratings climb every fortnight while the CFO turns against us: the curve falls week after week.
"""
from __future__ import annotations

import copy
from datetime import UTC, datetime
from typing import Any

Row = dict[str, Any]
VETO = "o-jh-fssc"
SINGLE = "o-rf-lims"
LEFT_ON = "2026-11-09"

# (effective day, Yonyou's and Kingdee's (need, closeness) on the deal, the CFO's ROLE_IN (attitude, closeness,
#  solution), the CIO's closeness, stage, compelling event); spread over the curve's default 13 weeks
FSSC_STEPS = [
    ("2026-06-01", (45, 35), (50, 40), ("neutral", 50, 55), 80, "analyse_needs", False),
    ("2026-08-31", (45, 35), (50, 40), ("neutral", 50, 55), 80, "present_value", True),
    ("2026-09-14", (55, 45), (55, 45), ("neutral", 45, 50), 80, "present_value", True),
    ("2026-09-28", (62, 58), (60, 48), ("neutral", 40, 45), 78, "present_value", True),
    ("2026-10-12", (68, 68), (65, 50), ("negative", 35, 42), 77, "present_value", True),
    ("2026-10-26", (72, 75), (68, 52), ("negative", 30, 40), 76, "present_value", True),
    ("2026-11-09", (76, 79), (70, 55), ("negative", 27, 37), 75, "present_value", True),
]


def add_people(d: Any) -> None:
    """The two movers, in their final state (called last by seed.demo.build_demo: no effect on the rest)."""
    d.person("c-rf-itdir", "Ma Lin", "IT Director", "acc-ruifeng", None, None,
             ("technical_pragmatic", "strong_positive", 4, 78, 80, 55))
    d.contact["c-rf-itdir"]["left_at"] = LEFT_ON
    d.person("c-rf-ops", "Zhou Min", "Head of Operations", "acc-ruifeng", None, None,
             ("pragmatic", "positive", 3, 60, 65, 50))
    d.contact["c-rf-ops"]["previous_account"] = "acc-lanting"
    d.knows("e-xu-hao", "c-rf-itdir", 0.7, "2025")
    d.knows("e-tian-bin", "c-rf-ops", 0.7, "2024")


def _fssc(bundle: dict[str, list[Row]], yonyou: tuple[int, int], kingdee: tuple[int, int],
          cfo: tuple[str, int, int], cio: int, stage: str, compelling: bool) -> None:
    for row in bundle["opportunities"]:
        if row["id"] == VETO:
            row.update(stage=stage, compelling_event=compelling)
    for row in bundle["roles"]:
        if row["opportunity"] == VETO and row["contact"] == "c-jh-cfo":
            row.update(attitude=cfo[0], closeness=cfo[1], solution_acceptance=cfo[2])
        if row["opportunity"] == VETO and row["contact"] == "c-jh-cio":
            row["closeness"] = cio
    for row in bundle["competitors"]:
        rating = {"k-yonyou": yonyou, "k-kingdee": kingdee}.get(row["id"])
        for entry in row["opportunities"] if rating else []:
            if entry["opportunity"] == VETO:
                entry.update(need_satisfaction=rating[0], closeness=rating[1])


def _before_moves(bundle: dict[str, list[Row]]) -> None:
    """Ma Lin still at Ruifeng on the LIMS deal; Zhou Min still at Lanting, backing us on the POS deal."""
    for row in bundle["contacts"]:
        if row["id"] == "c-rf-itdir":
            row.pop("left_at", None)
        if row["id"] == "c-rf-ops":
            row.pop("previous_account", None)
            row["account"] = "acc-lanting"
    bundle["roles"] += [
        {"opportunity": SINGLE, "contact": "c-rf-itdir", "role": "decision_maker", "attitude": "strong_positive",
         "closeness": 80, "solution_acceptance": 85},
        {"opportunity": "o-lt-pos", "contact": "c-rf-ops", "role": "evaluator", "attitude": "strong_positive"}]


def history_steps(final: dict[str, list[Row]]) -> list[tuple[datetime, dict[str, list[Row]]]]:
    """Earlier states of the demo as (effective instant, whole bundle), oldest first; demo.json comes after."""
    steps = []
    for day, yonyou, kingdee, cfo, cio, stage, compelling in FSSC_STEPS:
        bundle = copy.deepcopy(final)
        _before_moves(bundle)
        _fssc(bundle, yonyou, kingdee, cfo, cio, stage, compelling)
        steps.append((datetime.fromisoformat(day).replace(hour=9, tzinfo=UTC), bundle))
    return steps


def import_history(graph: Any, final: dict[str, list[Row]]) -> int:
    """Import the earlier states (dated), so the final import of demo.json lands on a past; returns steps."""
    from app.services.importer import import_bundle

    steps = history_steps(final)
    for at, bundle in steps:
        import_bundle(graph, bundle, effective_at=at)
    return len(steps)


MOVERS = {"c-rf-itdir", "c-rf-ops"}
STORY_STARTS = datetime.fromisoformat(FSSC_STEPS[0][0]).date()


def without_story(part: dict[str, list[Row]], day: Any) -> dict[str, list[Row]]:
    """A month of seed.demo_history's drift without this story's rows, so the two timelines never fight:
    the two movers never (their past is this module's), the finance deal from the story's first day on."""
    deal = VETO if day >= STORY_STARTS else None
    out = {key: list(rows) for key, rows in part.items()}
    out["contacts"] = [r for r in out.get("contacts", []) if r["id"] not in MOVERS]
    out["knows"] = [r for r in out.get("knows", []) if r["contact"] not in MOVERS]
    for key in ("reports_to", "influences"):
        out[key] = [r for r in out.get(key, []) if r["from"] not in MOVERS and r["to"] not in MOVERS]
    out["roles"] = [r for r in out.get("roles", []) if r["contact"] not in MOVERS and r["opportunity"] != deal]
    out["opportunities"] = [r for r in out.get("opportunities", []) if r["id"] != deal]
    out["competitors"] = [{**r, "opportunities": [e for e in r.get("opportunities", []) if e["opportunity"] != deal]}
                          for r in out.get("competitors", [])]
    out["circles"] = [{**r, "members": [m for m in r.get("members", []) if m["contact"] not in MOVERS]}
                      for r in out.get("circles", [])]
    out["activities"] = [r for r in out.get("activities", []) if not MOVERS & set(r.get("contacts", []))]
    return {key: rows for key, rows in out.items() if rows or key in part}


def story_only(bundle: dict[str, list[Row]]) -> dict[str, list[Row]]:
    """One of this module's dated steps reduced to its story: the finance deal (its roles, Yonyou's rating)
    and the two movers with their ties and roles, so it does not reset the rest of the demo's drift."""
    return {
        "contacts": [r for r in bundle["contacts"] if r["id"] in MOVERS],
        "knows": [r for r in bundle["knows"] if r["contact"] in MOVERS],
        "opportunities": [r for r in bundle["opportunities"] if r["id"] == VETO],
        "roles": [r for r in bundle["roles"] if r["opportunity"] == VETO or r["contact"] in MOVERS],
        "competitors": [{**r, "opportunities": [e for e in r["opportunities"] if e["opportunity"] == VETO]}
                        for r in bundle["competitors"] if any(e["opportunity"] == VETO for e in r["opportunities"])],
    }
