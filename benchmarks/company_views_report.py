"""Markdown tables of a benchmarks.company_views results file, figures beside the issue's targets:

    python -m benchmarks.company_views_report RESULTS.json [MORE.json ...]   (later files add to earlier ones)
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

# the targets of issue 15 (cold = first call after a write; warm = nothing changed since)
COMPANY_TARGETS = {"departure_risk": (2000, 200), "departure_impact_one": (200, 200), "levels": (2000, 200),
                   "level_one": (None, None), "coverage": (2000, 200), "key_accounts": (2000, 200),
                   "weekly_review": (None, None), "alerts": (None, None), "customer_departure_risk": (None, None)}
ENTITY_TARGETS = {"/contacts/{id}/reach?max_hops=3": 50, "/opportunities/{id}/decision-chain": 10,
                  "/opportunities/{id}/gaps": 100, "/viz/accounts/{id}": 3000}
PATHS = {"departure_risk": "GET /employees/departure-risk", "departure_impact_one": "GET /employees/{id}/departure-impact",
         "levels": "GET /employees/levels", "level_one": "GET /employees/{id}/level", "coverage": "GET /coverage",
         "key_accounts": "GET /accounts/scores", "weekly_review": "GET /reviews/weekly (issue 17)",
         "alerts": "GET /alerts (issue 17)", "customer_departure_risk": "GET /departure-risk/customer (issue 17)"}


def _ms(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value / 1000:.1f} s" if value >= 1000 else f"{value:.0f} ms"


def _kb(size: int | None) -> str:
    return "-" if size is None else (f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{size / 1e3:.0f} KB")


def _target(ms: float | None) -> str:
    return "-" if ms is None else f"≤ {_ms(ms)}"


def render(results: dict[str, Any]) -> str:
    out = []
    old, new = results.get("old_company", {}), results.get("new_company", {})
    out.append("| view (HTTP) | old code | old answer | new: first call after a write | target | new: nothing changed "
               "| target | new answer (default page) |")
    out.append("|---|---|---|---|---|---|---|---|")
    for name, path in PATHS.items():
        o, n = old.get(name, {}), new.get(name, {})
        if not o and not n:
            continue
        cold_t, warm_t = COMPANY_TARGETS[name]
        old_cell = _ms(o.get("cold_ms")) if o.get("status", 200) == 200 else f"{o.get('status')} after {_ms(o.get('cold_ms'))}"
        out.append(f"| `{path}` | {old_cell if o else '-'} | {_kb(o.get('bytes')) if o else '-'} | {_ms(n.get('cold_ms'))} "
                   f"| {_target(cold_t)} | {_ms(n.get('warm_ms'))} | {_target(warm_t)} | {_kb(n.get('bytes'))} |")
    big_old, big_new = results.get("old_big_account", {}), results.get("new_big_account", {})
    if big_new:
        out.append("")
        out.append(f"The {big_new.get('contacts', '?'):,}-contact account `{big_new.get('account')}` "
                   f"(CEO `{big_new.get('ceo')}`, {big_new.get('deals')} deals):")
        out.append("")
        out.append("| view | old code | new: CEO first call | new: CEO warm p50 | new: p50 / p95 over targets | target p95 |")
        out.append("|---|---|---|---|---|---|")
        for hops in (3, 4):
            o, n = big_old.get(f"reach_h{hops}", {}), big_new.get(f"reach_h{hops}", {})
            old_cell = (f"CEO {o.get('ceo_first_status')} after {_ms(o.get('ceo_first_ms'))}; p50 {_ms(o.get('p50_ms'))}"
                        if o else "-")
            out.append(f"| reach, max_hops {hops} | {old_cell} | {_ms(n.get('ceo_first_ms'))} ({n.get('ceo_first_status')}) "
                       f"| {_ms(n.get('ceo_warm_p50_ms'))} | {_ms(n.get('p50_ms'))} / {_ms(n.get('p95_ms'))} (n={n.get('n')}) "
                       f"| {'≤ 50 ms' if hops == 3 else '-'} |")
        for name, target in (("decision_chain", 10), ("gaps", 100)):
            o, n = big_old.get(name, {}), big_new.get(name, {})
            out.append(f"| {name.replace('_', ' ')} of its deals | {_ms(o.get('p50_ms')) + ' p50' if o else '-'} | | "
                       f"| {_ms(n.get('p50_ms'))} / {_ms(n.get('p95_ms'))} (n={n.get('n')}) | ≤ {target} ms |")
        page_o, page_n = big_old.get("account_page", {}), big_new.get("account_page", {})
        if page_n:
            out.append(f"| account page `/viz/accounts/{{id}}` | {_ms(page_o.get('ms'))}, {_kb(page_o.get('bytes'))} | "
                       f"{_ms(page_n.get('ms'))}, {_kb(page_n.get('bytes'))} | | | ≤ 3 s, ≤ 2 MB (issue 19) |")
    entity = results.get("new_per_entity", {})
    if entity:
        out.append("")
        out.append("| per-entity view, new code, warm (random targets) | p50 | p95 | max | largest answer | target p95 |")
        out.append("|---|---|---|---|---|---|")
        for path, row in entity.items():
            out.append(f"| `GET {path}` | {_ms(row['p50_ms'])} | {_ms(row['p95_ms'])} | {_ms(row['max_ms'])} "
                       f"| {_kb(row['max_bytes'])} | {_target(ENTITY_TARGETS.get(path))} |")
    same = results.get("same_answers")
    if same:
        out.append("")
        out.append("Old and new answers, row by row: " + "; ".join(
            f"`{path}` {v['rows']} rows, {'equal' if v['equal'] else str(v['differing_rows']) + ' differ'}"
            for path, v in same.items()) + ".")
    nx = results.get("nx_compare")
    if nx:
        out.append("Reach into the big account against NetworkX: " + "; ".join(
            f"max_hops {v['max_hops']}: {v['targets_compared']} targets, {v['paths_compared']} paths, "
            f"{v['mismatched_targets']} mismatched" for v in nx.values()) + ".")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    merged: dict[str, Any] = {}
    for name in sys.argv[1:]:
        merged.update(json.loads(Path(name).read_text(encoding="utf-8")))
    print(render(merged))
