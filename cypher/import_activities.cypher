// Activities: (:Employee)-[:LOGGED]->(:Activity)-[:WITH]->(:Contact), optional -[:ABOUT]->(:Opportunity).
UNWIND $rows AS row
MATCH (e:Employee {id: row.employee})
MERGE (act:Activity {id: row.id})
SET act.type = row.type, act.date = date(row.date), act.summary = row.summary
WITH act, row, e
CALL (act, e) {
  OPTIONAL MATCH (x)-[old:LOGGED]->(act) WHERE x <> e
  DELETE old
}
MERGE (e)-[:LOGGED]->(act)
WITH act, row
CALL (act, row) {
  OPTIONAL MATCH (act)-[old:WITH]->(c) WHERE NOT c.id IN row.contacts
  DELETE old
}
CALL (act, row) {
  OPTIONAL MATCH (act)-[old:ABOUT]->(o) WHERE row.opportunity IS NULL OR o.id <> row.opportunity
  DELETE old
}
CALL (act, row) {
  UNWIND row.contacts AS contactId
  MATCH (c:Contact {id: contactId})
  MERGE (act)-[:WITH]->(c)
}
WITH act, row WHERE row.opportunity IS NOT NULL
MATCH (o:Opportunity {id: row.opportunity})
MERGE (act)-[:ABOUT]->(o)
