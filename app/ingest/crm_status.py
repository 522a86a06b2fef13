"""Issue 12: what each CRM gave and could not give, for a new user after an import (GET /sources, the page).

A CRM holds no employee→contact ties and none of the seven features, so right after an import reach is
empty and the degrees are missing. This says so per source (known by its id prefix), with the counts that
show how far the map has come since (contacts with a live tie, contacts with a profile), and the next steps.
"""
from __future__ import annotations

from typing import Any

from app.db.graph import Graph
from app.i18n import t
from app.ingest.mapping import load_mapping, sources


def sources_state(graph: Graph, lang: str = "en") -> dict[str, Any]:
    """{sources: [...]}: one entry per shipped CRM source that records here came from (none: an empty list)."""
    known = [{"source": name, "prefix": load_mapping(name).id_prefix} for name in sources()]
    known = [src for src in known if src["prefix"]]
    rows = graph.read("crm_sources_state", sources=known) if known else []
    return {"sources": [_entry(row, lang) for row in rows if row["accounts"] or row["contacts"]]}


def _entry(row: dict[str, Any], lang: str) -> dict[str, Any]:
    counts = {key: row[key] for key in ("accounts", "contacts", "profiled", "tied")}
    cannot_give = [t("crm.state_no_ties", lang, contacts=row["contacts"]) if not row["tied"] else
                   t("crm.state_ties", lang, tied=row["tied"], contacts=row["contacts"]),
                   t("crm.state_no_features", lang) if not row["profiled"] else
                   t("crm.state_profiles", lang, profiled=row["profiled"], contacts=row["contacts"])]
    return {"source": row["source"], **counts,
            "headline": t("crm.state_headline", lang, source=t(f"crm.source_{row['source']}", lang), **counts),
            "cannot_give": cannot_give,
            "next_steps": [t("crm.step_capture", lang), t("crm.step_profiles", lang)]}
