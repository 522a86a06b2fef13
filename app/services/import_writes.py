"""The import's write queries per bundle key, in write order (nodes before the links that need them)."""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from neo4j import ManagedTransaction

from app.db.queries import query

# (bundle key, named query) in write order.
WRITE_STEPS: list[tuple[str, str]] = [
    ("accounts", "import_accounts"),
    ("departments", "import_departments"),
    ("departments", "import_department_links"),
    ("contacts", "import_contacts"),
    ("contacts", "import_contact_emails"),  # issue 13
    ("reports_to", "import_reports_to"),
    ("influences", "import_influences"),
    ("circles", "import_circles"),
    ("employees", "import_employees"),
    ("employees", "import_employee_emails"),  # issue 13
    ("employees", "import_employee_managers"),
    ("knows", "import_knows"),
    ("opportunities", "import_opportunities"),
    ("roles", "import_roles"),
    ("competitors", "import_competitors"),
    ("activities", "import_activities"),
]
# issue 17: steps that run in the same batch transaction as a key's first (main) write, before or after
# it (a changed account is a move, noted before the row is written; dated reporting-line history), and
# steps that run once every key is written, over that key's written rows (roles end where a contact
# moved away or left, after the bundle's roles are in).
BEFORE_MAIN: dict[str, list[str]] = {"contacts": ["contacts_note_moves"]}
AFTER_MAIN: dict[str, list[str]] = {"reports_to": ["import_reports_to_history"]}
AFTER_ALL: list[tuple[str, str]] = [("contacts", "contacts_end_roles")]
KEY_ORDER: list[str] = list(dict.fromkeys(key for key, _ in WRITE_STEPS))
STEPS_OF: dict[str, list[str]] = {key: [name for k, name in WRITE_STEPS if k == key] for key in KEY_ORDER}
KEY_LABELS: dict[str, str] = {"accounts": "Account", "departments": "Department", "contacts": "Contact",
                              "circles": "Circle", "employees": "Employee", "opportunities": "Opportunity",
                              "competitors": "Competitor", "activities": "Activity"}

ProgressHook = Callable[[str, int, int], None]  # (query name, batch index, rows in batch)


def steps_in_order() -> list[tuple[str, str]]:
    """Every step of a one-transaction write (restore --replace), in the order the batches run them."""
    ordered: list[tuple[str, str]] = []
    for key in KEY_ORDER:
        main, *rest = STEPS_OF[key]
        ordered += [(key, name) for name in BEFORE_MAIN.get(key, [])] + [(key, main)]
        ordered += [(key, name) for name in AFTER_MAIN.get(key, [])] + [(key, name) for name in rest]
    return ordered + AFTER_ALL


def add_counters(totals: Counter[str], summary: Any) -> None:
    for counter, value in vars(summary.counters).items():
        if isinstance(value, int) and not isinstance(value, bool) and not counter.startswith("_"):
            totals[counter] += value


def run_step(tx: ManagedTransaction, name: str, rows: list[dict[str, Any]], totals: Counter[str]) -> None:
    """One named import query over `rows` (the write form: `from_` for `from`)."""
    if rows:
        add_counters(totals, tx.run(query(name), {"rows": rows}).consume())


def write_form(row: dict[str, Any]) -> dict[str, Any]:
    """A bundle row in JSON names (as stored rows and the journal keep them) as the import queries take it."""
    return {("from_" if name == "from" else name): value for name, value in row.items()}
