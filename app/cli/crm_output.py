"""How `brm import` shows an import's problems (a summary table) and a CRM import's notes."""
from __future__ import annotations

from typing import Any

from rich.table import Table

from app.cli.common import err_console
from app.services.import_errors import summary_table_rows


def print_error_summary(summary: dict[str, Any]) -> None:
    """Problem kind × key × field with counts and the total, then (by the caller) the first rows of each."""
    table = Table("count", "problem", "key / file", "field / column", "hint",
                  title=f"{summary['total']} problem(s); first {summary.get('first_rows_per_kind')} of each kind below")
    for row in summary_table_rows(summary):
        table.add_row(*row)
    err_console.print(table)


def print_crm_notes(source: dict[str, Any]) -> None:
    """What was skipped, what exists here but not in the export, what a CRM cannot give, what to do next."""
    for item in source.get("skipped", []):
        err_console.print(f"skipped {item['rows']} row(s) of {item['file']}: {item['reason']}", highlight=False)
    if source.get("not_in_export_message"):
        err_console.print(source["not_in_export_message"], highlight=False)
    if (source.get("pruned") or {}).get("message"):
        err_console.print(source["pruned"]["message"], highlight=False)
    for line in source.get("cannot_give", []) + source.get("next_steps", []):
        err_console.print(line, highlight=False)
