"""A pure-Python well-formedness check of a bundle against import-format.md.

The importer is the authority; this exists so the seed tests can check demo and
generated bundles without a database, and name what is wrong in plain words.
"""
from __future__ import annotations

import re
from typing import Any

from seed.vocab import ACTIVITY_TYPES, ATTITUDES, CIRCLE_ROLES, GRADES, ORIENTATIONS, ROLES, STAGES

DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DEGREES = ("closeness", "solution_acceptance", "price_acceptance")
ACCOUNT_SCORES = ("revenue", "potential", "demonstration", "winnability")
ID_KINDS = ("accounts", "departments", "contacts", "circles", "employees", "opportunities", "competitors",
            "activities")


def _num(value: Any, low: float, high: float) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and low <= value <= high


def bundle_problems(bundle: dict[str, Any]) -> list[str]:
    """Every domain, link and uniqueness problem, as 'key[row].field: what'; empty when valid."""
    out: list[str] = []
    ids: dict[str, set[str]] = {}
    for kind in ID_KINDS:
        seen: set[str] = set()
        for i, row in enumerate(bundle.get(kind, [])):
            if not row.get("id") or not row.get("name") and kind != "activities":
                out.append(f"{kind}[{i}]: missing id or name")
            if row.get("id") in seen:
                out.append(f"{kind}[{i}].id: duplicate {row['id']}")
            seen.add(row.get("id"))
        ids[kind] = seen

    def link(kind: str, value: Any, where: str, optional: bool = False) -> None:
        if value is None and optional:
            return
        if value not in ids[kind]:
            out.append(f"{where}: unknown {kind[:-1]} {value!r}")

    def domain(row: dict, field: str, allowed: tuple[str, ...], where: str, required: bool = False) -> None:
        if field in row and row[field] not in allowed or required and field not in row:
            out.append(f"{where}.{field}: {row.get(field)!r} not in the domain")

    def degrees(row: dict, fields: tuple[str, ...], where: str) -> None:
        for field in fields:
            if field in row and not _num(row[field], 0, 100):
                out.append(f"{where}.{field}: {row[field]!r} not in 0..100")

    def strength(row: dict, where: str) -> None:
        if "strength" in row and not _num(row["strength"], 0, 1):
            out.append(f"{where}.strength: {row['strength']!r} not in 0..1")

    dept_account = {d["id"]: d.get("account") for d in bundle.get("departments", [])}
    for i, a in enumerate(bundle.get("accounts", [])):
        degrees(a, ACCOUNT_SCORES, f"accounts[{i}]")
    for i, d in enumerate(bundle.get("departments", [])):
        w = f"departments[{i}]"
        link("accounts", d.get("account"), f"{w}.account")
        link("departments", d.get("parent"), f"{w}.parent", optional=True)
        if d.get("parent") and dept_account.get(d["parent"]) != d.get("account"):
            out.append(f"{w}.parent: parent belongs to another account")
    contact_account = {}
    for i, c in enumerate(bundle.get("contacts", [])):
        w = f"contacts[{i}]"
        contact_account[c.get("id")] = c.get("account")
        link("accounts", c.get("account"), f"{w}.account")
        link("departments", c.get("department"), f"{w}.department", optional=True)
        if c.get("department") and dept_account.get(c["department"]) != c.get("account"):
            out.append(f"{w}.department: department belongs to another account")
        domain(c, "orientation", ORIENTATIONS, w)
        domain(c, "attitude", ATTITUDES, w)
        degrees(c, DEGREES, w)
        if "importance" in c and (not isinstance(c["importance"], int) or not 1 <= c["importance"] <= 5):
            out.append(f"{w}.importance: {c['importance']!r} not an integer 1..5")
    for key in ("reports_to", "influences"):
        pairs: set[tuple[str, str]] = set()
        for i, r in enumerate(bundle.get(key, [])):
            w = f"{key}[{i}]"
            link("contacts", r.get("from"), f"{w}.from")
            link("contacts", r.get("to"), f"{w}.to")
            if r.get("from") == r.get("to"):
                out.append(f"{w}: links a contact to itself")
            if (r.get("from"), r.get("to")) in pairs:
                out.append(f"{w}: duplicate link")
            pairs.add((r.get("from"), r.get("to")))
            strength(r, w)
    for i, circle in enumerate(bundle.get("circles", [])):
        w = f"circles[{i}]"
        link("accounts", circle.get("account"), f"{w}.account")
        members = [m.get("contact") for m in circle.get("members", [])]
        if len(set(members)) != len(members):
            out.append(f"{w}.members: a contact listed twice")
        for j, m in enumerate(circle.get("members", [])):
            link("contacts", m.get("contact"), f"{w}.members[{j}].contact")
            domain(m, "role", CIRCLE_ROLES, f"{w}.members[{j}]")
    for i, e in enumerate(bundle.get("employees", [])):
        link("employees", e.get("manager"), f"employees[{i}].manager", optional=True)
        if e.get("manager") == e.get("id"):
            out.append(f"employees[{i}].manager: manages themself")
    knows_pairs: set[tuple[str, str]] = set()
    for i, k in enumerate(bundle.get("knows", [])):
        w = f"knows[{i}]"
        link("employees", k.get("employee"), f"{w}.employee")
        link("contacts", k.get("contact"), f"{w}.contact")
        strength(k, w)
        if (k.get("employee"), k.get("contact")) in knows_pairs:
            out.append(f"{w}: duplicate tie")
        knows_pairs.add((k.get("employee"), k.get("contact")))
    opp_account = {}
    for i, o in enumerate(bundle.get("opportunities", [])):
        w = f"opportunities[{i}]"
        opp_account[o.get("id")] = o.get("account")
        link("accounts", o.get("account"), f"{w}.account")
        link("employees", o.get("owner"), f"{w}.owner", optional=True)
        domain(o, "stage", STAGES, w)
        domain(o, "grade", GRADES, w)
        degrees(o, ("need_satisfaction",), w)
        if "amount" in o and not _num(o["amount"], 0, 1e15):
            out.append(f"{w}.amount: {o['amount']!r} out of range")
        if "close_date" in o and not DAY.match(str(o["close_date"])):
            out.append(f"{w}.close_date: {o['close_date']!r} is not YYYY-MM-DD")
    role_pairs: set[tuple[str, str]] = set()
    for i, r in enumerate(bundle.get("roles", [])):
        w = f"roles[{i}]"
        link("opportunities", r.get("opportunity"), f"{w}.opportunity")
        link("contacts", r.get("contact"), f"{w}.contact")
        domain(r, "role", ROLES, w, required=True)
        domain(r, "attitude", ATTITUDES, w)
        degrees(r, DEGREES, w)
        pair = (r.get("opportunity"), r.get("contact"))
        if pair in role_pairs:
            out.append(f"{w}: second role row for {pair}")
        role_pairs.add(pair)
    for i, comp in enumerate(bundle.get("competitors", [])):
        for j, entry in enumerate(comp.get("opportunities", [])):
            w = f"competitors[{i}].opportunities[{j}]"
            link("opportunities", entry.get("opportunity"), f"{w}.opportunity")
            for field in ("need_satisfaction", "closeness"):
                if not _num(entry.get(field), 0, 100):
                    out.append(f"{w}.{field}: {entry.get(field)!r} not in 0..100")
    for i, act in enumerate(bundle.get("activities", [])):
        w = f"activities[{i}]"
        link("employees", act.get("employee"), f"{w}.employee")
        link("opportunities", act.get("opportunity"), f"{w}.opportunity", optional=True)
        domain(act, "type", ACTIVITY_TYPES, w, required=True)
        if not DAY.match(str(act.get("date", ""))):
            out.append(f"{w}.date: {act.get('date')!r} is not YYYY-MM-DD")
        if not act.get("contacts"):
            out.append(f"{w}.contacts: empty")
        for j, c in enumerate(act.get("contacts", [])):
            link("contacts", c, f"{w}.contacts[{j}]")
    return out
