// Issue 13: captured activities (new ids only). One activity per event or message: the employee who
// LOGGED it (organiser / sender, else the first employee attending or receiving), the other employees
// who PARTICIPATED, the contacts it is WITH, the opportunity it is ABOUT. Metadata only: no body, no
// attachment; `summary` is the subject only when CAPTURE_STORE_SUBJECT allows it (null otherwise).
UNWIND $rows AS row
MATCH (e:Employee {id: row.employee})
MERGE (act:Activity {id: row.id})
SET act.type = row.type, act.date = date(row.date), act.summary = row.summary, act.source = row.source,
    act.direction = row.direction, act.sender = row.sender, act.counts_for_ties = row.counts_for_ties
MERGE (e)-[:LOGGED]->(act)
WITH act, row
CALL (act, row) {
  UNWIND row.participants AS employeeId
  MATCH (x:Employee {id: employeeId})
  MERGE (x)-[:PARTICIPATED]->(act)
}
CALL (act, row) {
  UNWIND row.contacts AS contactId
  MATCH (c:Contact {id: contactId})
  MERGE (act)-[:WITH]->(c)
}
WITH act, row WHERE row.opportunity IS NOT NULL
MATCH (o:Opportunity {id: row.opportunity})
MERGE (act)-[:ABOUT]->(o)
