"""Apply cypher/schema.cypher (idempotent: every statement is IF NOT EXISTS) and check it is in place."""
from __future__ import annotations

import re

from app.db.graph import Graph, translate_errors
from app.db.queries import query, statements

SCHEMA_NAME = re.compile(r"CREATE\s+(?:CONSTRAINT|(?:FULLTEXT\s+|RANGE\s+|TEXT\s+|POINT\s+)?INDEX)\s+(\w+)", re.I)


def expected_names() -> set[str]:
    return set(SCHEMA_NAME.findall(query("schema")))


def apply_schema(graph: Graph) -> int:
    """Create what is missing and wait for the indexes to come online; returns the statement count."""
    with translate_errors():
        for statement in statements("schema"):
            graph.driver.execute_query(statement, database_=graph.database)
        graph.driver.execute_query("CALL db.awaitIndexes(300)", database_=graph.database)
    return len(statements("schema"))


def missing_schema(graph: Graph) -> set[str]:
    """Names from schema.cypher that are not (yet) online in the database."""
    row = graph.read_one("schema_status") or {"names": []}
    return expected_names() - set(row["names"])
