"""Issue 13: every tie explains where its number comes from (docs/ties.md).

An explanation is {source, strength, dormant, counts by channel and direction, last contact, each
factor, text}; the text reads "6 meetings and 11 emails both ways, last 9 days ago → 0.74" (en / zh
through app.i18n). Reach adds one to each KNOWS step of its answer with one small named query over the
answer's (employee, contact) pairs (cypher/tie_explain.cypher), leaving the path search itself alone.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from neo4j.time import Date

from app.core.config import Settings
from app.core.errors import NotFound
from app.db.graph import Graph
from app.i18n import t
from app.services.ties import derive, pair_stats, stats_of

FACTOR_KEYS = ("recency", "frequency", "reciprocity")
COUNT_KEYS = ("meetings", "calls", "emails_out", "emails_in")


def _plain(value: Any) -> Any:
    if isinstance(value, Date):
        return value.to_native().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _count(kind: str, n: int, lang: str) -> str:
    return t(f"capture.tie_{kind}_one", lang) if n == 1 else t(f"capture.tie_{kind}", lang, n=n)


def derived_text(props: dict[str, Any], settings: Settings, lang: str, dormant: bool) -> str:
    """The one-line reading of a derived tie's stored factors."""
    counts = [(_count(kind, n, lang)) for kind, n in (
        ("meetings", props.get("meetings", 0)), ("calls", props.get("calls", 0)),
        ("emails", props.get("emails_out", 0) + props.get("emails_in", 0))) if n]
    days = props.get("days_since")
    if days is None:
        last = ""
    elif days == 0:
        last = t("capture.tie_last_today", lang)
    elif days == 1:
        last = t("capture.tie_last_yesterday", lang)
    else:
        last = t("capture.tie_last_days", lang, days=days)
    strength = shown_strength(props.get("strength", 0))
    if counts:
        joined = counts[0] if len(counts) == 1 else \
            t("capture.tie_list_sep", lang).join(counts[:-1]) + t("capture.tie_and", lang) + counts[-1]
        text = t("capture.tie_derived", lang, counts=joined, direction=t(f"capture.tie_{direction_of(props)}", lang),
                 last=last, strength=strength)
    else:
        text = t("capture.tie_derived_empty", lang,
                 window=t("capture.tie_none_in_window", lang, days=props.get("window_days", settings.tie_window_days)),
                 last=last, strength=strength)
    if dormant:
        text = t("capture.tie_dormant", lang, text=text, threshold=settings.tie_dormant_below)
    return text


def shown_strength(value: float) -> str:
    """Two decimals; three below 0.1, so a dormant 0.098 does not read as 0.10."""
    return f"{value:.2f}" if value >= 0.1 or value == 0 else f"{value:.3f}"


def direction_of(props: dict[str, Any]) -> str:
    """both_ways / from_us / from_them, as reciprocity sees it."""
    if props.get("meetings", 0) or props.get("calls", 0) or (props.get("emails_out", 0) and props.get("emails_in", 0)):
        return "both_ways"
    return "from_them" if props.get("emails_in", 0) else "from_us"


def explain(knows: dict[str, Any] | None, knew: dict[str, Any] | None, settings: Settings,
            lang: str = "en") -> dict[str, Any] | None:
    """The explanation of a stored tie (KNOWS wins over KNEW); None when there is neither."""
    props, dormant = (knows, False) if knows is not None else (knew, True)
    if props is None:
        return None
    if props.get("source") != "derived":
        strength = props.get("strength")
        shown = settings.reach_knows_default if strength is None else strength
        text = t("capture.tie_manual" if strength is not None else "capture.tie_manual_default", lang,
                 strength=f"{shown:.2f}")
        return {"source": "manual", "strength": strength, "dormant": False, "text": text,
                "since": props.get("since"), "recorded_source": props.get("source")}
    return {
        "source": "derived", "strength": props.get("strength"), "dormant": dormant,
        "as_of": _plain(props.get("as_of")), "last_contact": _plain(props.get("last_contact")),
        "days_since": props.get("days_since"),
        "counts": {key: props.get(key, 0) for key in COUNT_KEYS},
        "direction": direction_of(props),
        "factors": {key: props.get(key) for key in FACTOR_KEYS},
        "window_days": props.get("window_days"), "half_life_days": props.get("half_life_days"),
        "text": derived_text(props, settings, lang, dormant),
    }


def text_in(explanation: dict[str, Any] | None, lang: str, settings: Settings | None = None) -> str | None:
    """An explanation's text in another language, rebuilt from its fields (reach answers carry English)."""
    if not explanation:
        return None
    settings = settings or Settings()
    if explanation.get("source") != "derived":
        strength = explanation.get("strength")
        shown = settings.reach_knows_default if strength is None else strength
        return t("capture.tie_manual" if strength is not None else "capture.tie_manual_default", lang,
                 strength=f"{shown:.2f}")
    props = {**(explanation.get("counts") or {}), "days_since": explanation.get("days_since"),
             "strength": explanation.get("strength") or 0, "window_days": explanation.get("window_days")}
    return derived_text(props, settings, lang, bool(explanation.get("dormant")))


def explain_pairs(graph: Graph, settings: Settings, pairs: list[tuple[str, str]],
                  lang: str = "en") -> dict[tuple[str, str], dict[str, Any] | None]:
    """Explanations of many stored ties in one read."""
    unique = sorted(set(pairs))
    if not unique:
        return {}
    rows = graph.read("tie_explain", pairs=[{"employee": e, "contact": c} for e, c in unique])
    return {(row["employee"], row["contact"]): explain(row["knows"], row["knew"], settings, lang) for row in rows}


def add_to_reach(graph: Graph, settings: Settings, answers: dict[str, dict[str, Any]], lang: str = "en") -> None:
    """Put `explanation` on the KNOWS step (the first) of every path of reach answers, in place."""
    pairs = [(p["nodes"][0]["id"], p["nodes"][1]["id"]) for answer in answers.values() for p in answer["paths"]
             if len(p["nodes"]) > 1 and p["relationships"] and p["relationships"][0]["type"] == "KNOWS"]
    found = explain_pairs(graph, settings, pairs, lang)
    for answer in answers.values():
        for path in answer["paths"]:
            if len(path["nodes"]) > 1 and path["relationships"] and path["relationships"][0]["type"] == "KNOWS":
                path["relationships"][0]["explanation"] = found.get((path["nodes"][0]["id"], path["nodes"][1]["id"]))


def tie(graph: Graph, settings: Settings, employee_id: str, contact_id: str, lang: str = "en",
        as_of: date | None = None) -> dict[str, Any]:
    """GET /employees/{id}/knows/{contact}: the stored tie explained, plus what the activities say now
    (`captured`: the derived tie as of `as_of`, computed live, e.g. beside a manual strength)."""
    found = graph.read_one("ids_exist", **_ids(employee_id, contact_id))
    assert found is not None
    if employee_id not in found["employees"]:
        raise NotFound(t("capture.no_employee", lang, id=employee_id), kind="employees", id=employee_id)
    if contact_id not in found["contacts"]:
        raise NotFound(t("capture.no_contact", lang, id=contact_id), kind="contacts", id=contact_id)
    stored = explain_pairs(graph, settings, [(employee_id, contact_id)], lang).get((employee_id, contact_id))
    when = as_of or date.today()
    rows = pair_stats(graph, settings, [(employee_id, [contact_id])], when)
    captured = None
    if rows:
        live = derive(stats_of(rows[0]), when, settings)
        props = {k: v for k, v in live["props"].items() if v is not None}
        captured = explain(None if live["dormant"] else props, props if live["dormant"] else None, settings, lang)
    if stored is None and captured is None:
        raise NotFound(t("capture.no_tie", lang, employee=employee_id, contact=contact_id),
                       employee=employee_id, contact=contact_id)
    answer = {"employee": employee_id, "contact": contact_id, "tie": stored, "captured": captured}
    if stored is not None and not stored["dormant"]:  # a stored KNOWS is also a link one may PUT with If-Match
        answer.update(_knows_link(graph, employee_id, contact_id))
    return answer


def _knows_link(graph: Graph, employee_id: str, contact_id: str) -> dict[str, Any]:
    """The KNOWS link as the other relationship GETs answer it (type, ends, properties, version)."""
    from app.services.links import LINK_KINDS, get_link

    link = get_link(graph, LINK_KINDS["knows"], employee_id, contact_id)
    return {**link, "properties": {key: _plain(value) for key, value in link["properties"].items()}}  # derived: dates


def _ids(employee_id: str, contact_id: str) -> dict[str, list[str]]:
    from app.services.entities import id_lists

    return id_lists({"employees": [employee_id], "contacts": [contact_id]})
