"""Alerts about customer people who move (domain.md section 11, 客户关键人离职 / 跳槽):

- champion_left: a supportive key person (approver or decision maker whose recorded attitude on the deal,
  else their overall attitude, is positive or strong_positive) left an open deal's account: they have
  `left_at`, or moved to another account. Their role there ended (app/services/entities + importer), the
  deal lost a supporter: a risk on the customer side (also in `customer_departure_risk`).
- former_champion: someone who supported us (any role, same attitude rule) in a deal at a former account
  now works at another account: an opening, with who of ours knows them.

One named query (cypher/alerts_movers.cypher) reads every mover; the rules are applied here.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from app.core.config import Settings
from app.db.graph import Graph
from app.i18n import t

SUPPORTIVE = ("positive", "strong_positive")
KEY_ROLES = ("approver", "decision_maker")
OPEN = lambda stage: stage not in ("won", "lost")  # noqa: E731  (a deal without a stage is open)


def _supportive(role: dict[str, Any], mover: dict[str, Any]) -> bool:
    return (role["attitude"] or mover["attitude"]) in SUPPORTIVE


def _day(value: Any) -> str | None:
    if value is None:
        return None
    native = value.to_native() if hasattr(value, "to_native") else value
    return (native.date() if hasattr(native, "date") and callable(native.date) else native).isoformat()


def _names(people: list[dict[str, Any]], lang: str) -> str:
    return ", ".join(p["name"] or p["id"] for p in people) or t("time.alert.nobody", lang)


def alerts(graph: Graph, settings: Settings, lang: str = "en", kind: str | None = None,
           account: str | None = None) -> dict[str, Any]:
    """Every alert (champion_left first, then former_champion; by contact id), at most alerts_max."""
    found: list[dict[str, Any]] = []
    for mover in graph.read("alerts_movers"):
        found.extend(_champion_left(mover, lang))
        found.extend(_former_champion(mover, lang))
    if kind:
        found = [a for a in found if a["kind"] == kind]
    if account:
        found = [a for a in found if a["account"]["id"] == account]
    found.sort(key=lambda a: (a["kind"] != "champion_left", a["contact"]["id"], a["account"]["id"]))
    return {"total": len(found), "alerts": found[:settings.alerts_max]}


def _champion_left(mover: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    hit: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for role in mover["roles"]:
        left_there = (mover["left_at"] is not None and role["account"] == mover["account"]) or \
                     (role["account"] is not None and role["account"] != mover["account"])
        if (role["role"] in KEY_ROLES and _supportive(role, mover) and OPEN(role["stage"]) and left_there
                and not role["current"] and role["name"] is not None):
            hit[role["account"]].append(role)
    out = []
    for account_id, roles in sorted(hit.items()):
        account_name = roles[0]["account_name"]
        since = mover["left_at"] if mover["left_at"] is not None and account_id == mover["account"] else mover["arrived"]
        deals = [{"id": r["opportunity"], "name": r["name"], "amount": r["amount"]}
                 for r in sorted(roles, key=lambda r: r["opportunity"])]
        out.append({
            "kind": "champion_left", "contact": {"id": mover["id"], "name": mover["name"]},
            "account": {"id": account_id, "name": account_name}, "former_account": None,
            "opportunities": deals, "since": _day(since), "known_by": mover["known_by"],
            "message": t("time.alert.champion_left", lang, contact=mover["name"] or mover["id"],
                         role_note=t("time.alert.key_person", lang), account=account_name or account_id,
                         deals=", ".join(d["name"] or d["id"] for d in deals)),
        })
    return out


def _former_champion(mover: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    if mover["account"] is None or mover["left_at"] is not None:
        return []
    former = sorted({(r["account"], r["account_name"]) for r in mover["roles"]
                     if r["account"] not in (None, mover["account"]) and _supportive(r, mover)}, key=str)
    out = []
    for former_id, former_name in former:
        out.append({
            "kind": "former_champion", "contact": {"id": mover["id"], "name": mover["name"]},
            "account": {"id": mover["account"], "name": mover["account_name"]},
            "former_account": {"id": former_id, "name": former_name},
            "opportunities": mover["open_deals_now"], "since": _day(mover["arrived"]), "known_by": mover["known_by"],
            "message": t("time.alert.former_champion", lang, account=mover["account_name"] or mover["account"],
                         contact=mover["name"] or mover["id"], former=former_name or former_id,
                         knowers=_names(mover["known_by"], lang)),
        })
    return out


def alerts_by_deal(graph: Graph, settings: Settings, lang: str = "en") -> dict[str, list[str]]:
    """Champion-left messages per open deal id (the weekly review shows them on the deal's row)."""
    by_deal: dict[str, list[str]] = defaultdict(list)
    for alert in alerts(graph, settings, lang, kind="champion_left")["alerts"]:
        for deal in alert["opportunities"]:
            by_deal[deal["id"]].append(alert["message"])
    return dict(by_deal)


def customer_departure_risk(graph: Graph, settings: Settings, lang: str = "en") -> dict[str, Any]:
    """Departure risk on the customer side: open deals that lost a supportive key person, amount counted once."""
    deals: dict[str, dict[str, Any]] = {}
    for alert in alerts(graph, settings, lang, kind="champion_left")["alerts"]:
        for deal in alert["opportunities"]:
            row = deals.setdefault(deal["id"], {"opportunity": {"id": deal["id"], "name": deal["name"]},
                                                "account": alert["account"], "amount": deal["amount"],
                                                "champions_left": []})
            row["champions_left"].append(alert["contact"])
    rows = sorted(deals.values(), key=lambda r: (-(r["amount"] or 0), r["opportunity"]["id"]))
    return {"amount_at_risk": float(sum(r["amount"] or 0 for r in rows)), "deals": rows}
