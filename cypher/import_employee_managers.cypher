// (:Employee)-[:REPORTS_TO]->(:Employee manager); a row without manager removes the old link.
UNWIND $rows AS row
MATCH (e:Employee {id: row.id})
CALL (e, row) {
  OPTIONAL MATCH (e)-[old:REPORTS_TO]->(m) WHERE row.manager IS NULL OR m.id <> row.manager
  DELETE old
}
WITH e, row WHERE row.manager IS NOT NULL
MATCH (m:Employee {id: row.manager})
MERGE (e)-[:REPORTS_TO]->(m)
