// Upsert contacts with their account (WORKS_AT) and department (WORKS_IN); stale links go.
UNWIND $rows AS row
MATCH (acc:Account {id: row.account})
MERGE (c:Contact {id: row.id})
SET c.name = row.name, c.title = row.title, c.orientation = row.orientation, c.attitude = row.attitude,
    c.importance = row.importance, c.closeness = row.closeness,
    c.solution_acceptance = row.solution_acceptance, c.price_acceptance = row.price_acceptance,
    c.emails = CASE WHEN row.emails = [] THEN null ELSE row.emails END,
    c.left_at = CASE WHEN row.left_at IS NULL THEN null ELSE date(row.left_at) END,
    c.moved_from = coalesce(row.previous_account, c.moved_from)
WITH c, row, acc
CALL (c, acc) {
  OPTIONAL MATCH (c)-[old:WORKS_AT]->(x) WHERE x <> acc
  DELETE old
}
MERGE (c)-[:WORKS_AT]->(acc)
WITH c, row
CALL (c, row) {
  OPTIONAL MATCH (c)-[old:WORKS_IN]->(d) WHERE row.department IS NULL OR d.id <> row.department
  DELETE old
}
WITH c, row WHERE row.department IS NOT NULL
MATCH (d:Department {id: row.department})
MERGE (c)-[:WORKS_IN]->(d)
