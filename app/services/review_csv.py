"""The weekly review as CSV (one row per deal, the review's order), for spreadsheets and minutes."""
from __future__ import annotations

import csv
import io
from typing import Any

DEGREES = ("closeness", "solution_acceptance", "price_acceptance")
COLUMNS = ["rank", "opportunity", "name", "account", "owner", "stage", "stage_before", "stage_moved", "amount",
           "win_rate", "win_rate_before", "win_rate_change", "win_rate_reason",
           *[f"{d}_change" for d in DEGREES], "gaps_opened", "gaps_closed", "next_action", "alerts", "note"]


def _gaps(items: list[dict[str, Any]]) -> str:
    return "; ".join(g["code"] + (f" ({g['contact']['id']})" if g["contact"] else "") for g in items)


def review_csv(review: dict[str, Any]) -> str:
    """UTF-8 text with a header row; empty cells for unknown values."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for rank, d in enumerate(review["deals"], start=1):
        writer.writerow([
            rank, d["opportunity"]["id"], d["opportunity"]["name"] or "",
            (d["account"] or {}).get("id", ""), (d["owner"] or {}).get("id", ""), d["stage"] or "",
            d["stage_before"] or "", "yes" if d["stage_moved"] else "no", _cell(d["amount"]),
            _cell(d["win_rate"]), _cell(d["win_rate_before"]), _cell(d["win_rate_change"]), d["win_rate_reason"] or "",
            *[_cell(d["degrees"][k]["change"]) for k in DEGREES],
            _gaps(d["gaps_opened"]), _gaps(d["gaps_closed"]), d["next_action"] or "", " | ".join(d["alerts"]),
            d["note"] or ""])
    return out.getvalue()


def _cell(value: Any) -> str:
    return "" if value is None else str(value)
