// (:Department)-[:PART_OF]->(parent Department, or the Account for a top-level department); the old link goes.
UNWIND $rows AS row
MATCH (d:Department {id: row.id})
OPTIONAL MATCH (parentDept:Department {id: row.parent})
MATCH (acc:Account {id: row.account})
WITH d, row, CASE WHEN row.parent IS NULL THEN acc ELSE parentDept END AS parent
CALL (d, parent) {
  OPTIONAL MATCH (d)-[old:PART_OF]->(x) WHERE x <> parent
  DELETE old
}
MERGE (d)-[:PART_OF]->(parent)
