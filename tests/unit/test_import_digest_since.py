"""Which recorded batches still count as stored after declared writes (app.services.import_digest), worked by hand."""
from __future__ import annotations

from app.services.graph_changes import Changes, from_snapshots
from app.services.import_digest import Recorded, batch_digests, entry

BUNDLE = {
    "contacts": [{"id": "c1", "account": "a1"}, {"id": "c2", "account": "a1"}, {"id": "c3", "account": "a2"}],
    "reports_to": [{"from": "c1", "to": "c2"}, {"from": "c3", "to": "c9"}],
    "departments": [{"id": "d1", "account": "a1"}],
}
SIZE = 2  # contacts: batches [c1, c2], [c3]; reports_to: [c1->c2, c3->c9]; departments: [d1]


def recorded(since: Changes | None) -> tuple[Recorded, dict[str, list[str]]]:
    digests = batch_digests(BUNDLE, list(BUNDLE), SIZE)
    batches = {entry(key, i, d) for key, values in digests.items() for i, d in enumerate(values)}
    return Recorded(1, "t", batches, since), digests


def test_nothing_written_since_every_recorded_batch_holds() -> None:
    rec, digests = recorded(None)
    assert rec.unchanged(digests, BUNDLE, SIZE) == {"contacts": {0, 1}, "reports_to": {0}, "departments": {0}}
    assert rec.covers(BUNDLE, digests, list(BUNDLE), rec.unchanged(digests, BUNDLE, SIZE))


def test_a_declared_contact_voids_the_batches_of_its_own_rows_and_links_only() -> None:
    rec, digests = recorded(Changes(contacts={"c3"}))
    unchanged = rec.unchanged(digests, BUNDLE, SIZE)
    assert unchanged == {"contacts": {0}, "reports_to": set(), "departments": {0}}
    assert not rec.covers(BUNDLE, digests, list(BUNDLE), unchanged)


def test_a_declared_account_voids_its_own_batch_but_not_the_rows_that_name_it_nor_the_shortcut() -> None:
    rec, digests = recorded(Changes(accounts={"a1"}))      # e.g. a new contact through the API works at a1
    unchanged = rec.unchanged(digests, BUNDLE, SIZE)
    assert unchanged == {"contacts": {0, 1}, "reports_to": {0}, "departments": {0}}
    assert not rec.covers(BUNDLE, digests, list(BUNDLE), unchanged)  # a row names a1: validated again


def test_declared_writes_naming_nothing_in_the_bundle_keep_the_whole_bundle_shortcut() -> None:
    rec, digests = recorded(Changes(contacts={"c-new"}))
    unchanged = rec.unchanged(digests, BUNDLE, SIZE)
    assert unchanged == {"contacts": {0, 1}, "reports_to": {0}, "departments": {0}}
    assert rec.covers(BUNDLE, digests, list(BUNDLE), unchanged)


def test_a_node_of_another_label_voids_every_department_batch_and_the_shortcut() -> None:
    rec, digests = recorded(Changes(others={"d-elsewhere"}))  # a department up some chain moved
    unchanged = rec.unchanged(digests, BUNDLE, SIZE)
    assert unchanged["departments"] == set() and unchanged["contacts"] == {0, 1}
    assert not rec.covers(BUNDLE, digests, list(BUNDLE), unchanged)


def test_a_bad_row_counts_as_touched() -> None:
    bad = {**BUNDLE, "contacts": [{"name": "no id"}, *BUNDLE["contacts"][1:]]}
    digests = batch_digests(bad, list(bad), SIZE)
    batches = {entry(key, i, d) for key, values in digests.items() for i, d in enumerate(values)}
    rec = Recorded(1, "t", batches, Changes(contacts={"c-new"}))
    assert 0 not in rec.unchanged(digests, bad, SIZE)["contacts"]


def test_snapshot_changes_name_nodes_of_every_label() -> None:
    changes = from_snapshots("Contact", "c1", [], [{"rels": [{"label": "Department", "id": "d1"},
                                                             {"label": "Circle", "id": "ci1"},
                                                             {"label": "Account", "id": "a1"},
                                                             {"label": "EmailAddress", "id": None}]}])
    assert (changes.contacts, changes.accounts, changes.others) == ({"c1"}, {"a1"}, {"d1", "ci1"})
    assert changes.ids() == {"c1", "a1", "d1", "ci1"}
