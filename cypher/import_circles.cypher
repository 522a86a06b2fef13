// Circles inside an account, with their members; the row's member list replaces the old one.
UNWIND $rows AS row
MATCH (acc:Account {id: row.account})
MERGE (ci:Circle {id: row.id})
SET ci.name = row.name
WITH ci, row, acc
CALL (ci, acc) {
  OPTIONAL MATCH (ci)-[old:IN]->(x) WHERE x <> acc
  DELETE old
}
MERGE (ci)-[:IN]->(acc)
WITH ci, row
CALL (ci, row) {
  OPTIONAL MATCH (c:Contact)-[old:MEMBER_OF]->(ci)
  WHERE NOT c.id IN [m IN row.members | m.contact]
  DELETE old
}
WITH ci, row
UNWIND row.members AS member
MATCH (c:Contact {id: member.contact})
// a member who moved away from the circle's account: a membership the move ended (issue 17), not re-created
WHERE NOT EXISTS { MATCH (c)-[:WORKS_AT]->(x:Account) WHERE NOT (ci)-[:IN]->(x) }
MERGE (c)-[m:MEMBER_OF]->(ci)
SET m.role = member.role
