"""The audit's undo queries find nodes through the id index of each label they name (Neo4j 5.26 scans every
node for a dynamic label): every label with an id constraint that the audit can record must be named."""
from __future__ import annotations

import re

from app.db.queries import query

AUDIT_LOOKUPS = ("audit_snapshot_node", "audit_snapshot_relationship", "audit_delete_node",
                 "audit_delete_relationship", "audit_restore_relationship", "audit_restore_node")
NOT_AUDITED = {"AuditEntry", "Session"}  # the trail itself, and sign-in sessions (never undone)


def id_labels() -> set[str]:
    return set(re.findall(r"FOR \(n:(\w+)\) REQUIRE n\.id IS UNIQUE", query("schema")))


def test_every_audited_label_is_looked_up_by_its_index() -> None:
    wanted = id_labels() - NOT_AUDITED
    assert {"Contact", "Opportunity", "CoachingNote"} <= wanted
    for name in AUDIT_LOOKUPS:
        text = query(name)
        assert not re.search(r"MATCH[^\n]*\(\w+:\$\(", text), f"{name} still matches a node by a dynamic label"
        for expression in re.findall(r"\(\w+:([\w|]+) \{id:", text):
            assert set(expression.split("|")) == wanted, (name, expression)
