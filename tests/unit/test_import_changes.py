"""Issue 15: what an import batch declares (app.services.import_changes.touched), worked by hand per key."""
from __future__ import annotations

from app.services.graph_changes import Changes
from app.services.import_changes import ImportDeclarations, size, touched


def test_a_moved_contact_names_its_new_and_old_account_and_department() -> None:
    new = touched("contacts", [{"id": "c1", "name": "A", "account": "acc-2", "department": "d-2"}])
    old = touched("contacts", [{"id": "c1", "name": "A", "account": "acc-1", "department": "d-1"}])
    new.update(old)
    assert new.contacts == {"c1"} and new.accounts == {"acc-2", "acc-1"} and new.others == {"d-2", "d-1"}
    assert new.renamed == {"c1"}                    # its own values may have changed


def test_links_name_both_ends_in_json_and_write_form() -> None:
    assert touched("reports_to", [{"from": "a", "to": "b"}]).contacts == {"a", "b"}
    assert touched("influences", [{"from_": "a", "to": "c"}]).contacts == {"a", "c"}
    knows = touched("knows", [{"employee": "e1", "contact": "c1", "strength": 0.5}])
    assert (knows.employees, knows.contacts, knows.renamed) == ({"e1"}, {"c1"}, set())   # a link renames nothing
    roles = touched("roles", [{"opportunity": "o1", "contact": "c1", "role": "approver"}])
    assert (roles.opportunities, roles.contacts) == ({"o1"}, {"c1"})


def test_nested_lists_and_empty_fields() -> None:
    circle = touched("circles", [{"id": "ci", "name": "Golf", "account": "acc", "members": [
        {"contact": "c1", "role": "member"}, {"contact": "c2", "role": "core"}]}])
    assert circle.contacts == {"c1", "c2"} and circle.others == {"ci"} and circle.accounts == {"acc"}
    competitor = touched("competitors", [{"id": "k", "name": "Rival", "opportunities": [{"opportunity": "o1"}]}])
    assert competitor.opportunities == {"o1"} and competitor.others == {"k"}
    activity = touched("activities", [{"id": "a1", "employee": "e1", "contacts": ["c1"], "opportunity": None,
                                       "type": "meeting", "date": "2026-11-02"}])
    assert activity.others == {"a1"} and activity.is_empty()   # nothing the company-wide views read
    assert not (activity.contacts or activity.employees or activity.opportunities)  # edges the views do not read
    employee = touched("employees", [{"id": "e2", "name": "B", "manager": None}, None])
    assert employee.employees == {"e2"}


def test_declarations_stop_for_good_once_over_the_budget() -> None:
    budget = ImportDeclarations(most=3)
    two = touched("knows", [{"employee": "e1", "contact": "c1"}])
    assert size(two) == 2
    assert budget.allows(two) is True
    assert budget.allows(two) is False        # 4 > 3: this transaction declares nothing
    assert budget.allows(Changes()) is False  # nor any later one (the chain is broken anyway)
    assert budget.declared == 2
