"""The no-op check's row shape: unset fields dropped, unordered lists sorted, identities per key."""
from __future__ import annotations

from app.services.import_diff import canonical, display, identity
from app.services.import_writes import KEY_ORDER, STEPS_OF, WRITE_STEPS, write_form


def test_canonical_drops_unset_fields_and_sorts_unordered_lists() -> None:
    stored = {"id": "a-1", "employee": "e-1", "contacts": ["c-2", "c-1"], "opportunity": None, "type": "call",
              "date": "2026-11-01", "summary": None}
    given = {"id": "a-1", "employee": "e-1", "contacts": ["c-1", "c-2", "c-1"], "type": "call", "date": "2026-11-01"}
    assert canonical("activities", stored) == canonical("activities", given)
    circle = {"id": "ci", "name": "n", "account": "a", "members": [{"contact": "c-2", "role": "member"},
                                                                    {"contact": "c-1", "role": "core"}]}
    assert [m["contact"] for m in canonical("circles", circle)["members"]] == ["c-1", "c-2"]
    assert canonical("contacts", {"id": "c", "title": "CEO"}) != canonical("contacts", {"id": "c"})


def test_identities_name_links_by_both_ends() -> None:
    assert identity("knows", {"employee": "e-1", "contact": "c-1", "strength": 0.5}) == ("e-1", "c-1")
    assert identity("roles", {"opportunity": "o-1", "contact": "c-1", "role": "user"}) == ("o-1", "c-1")
    assert identity("reports_to", {"from": "c-1", "to": "c-2"}) == ("c-1", "c-2")
    assert identity("contacts", {"id": "c-1"}) == "c-1"
    assert display(("e-1", "c-1")) == "e-1->c-1" and display("c-1") == "c-1"


def test_write_steps_per_key_keep_the_write_order() -> None:
    assert [name for key in KEY_ORDER for name in STEPS_OF[key]] == [name for _, name in WRITE_STEPS]
    assert STEPS_OF["departments"] == ["import_departments", "import_department_links"]
    assert write_form({"from": "c-1", "to": "c-2"}) == {"from_": "c-1", "to": "c-2"}
