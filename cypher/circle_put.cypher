// Upsert one circle and its account (IN); its members are left as they are (/circles/{id}/members).
UNWIND $rows AS row
MATCH (acc:Account {id: row.account})
MERGE (ci:Circle {id: row.id})
SET ci.name = row.name
WITH ci, acc
CALL (ci, acc) {
  OPTIONAL MATCH (ci)-[old:IN]->(x) WHERE x <> acc
  DELETE old
}
MERGE (ci)-[:IN]->(acc)
