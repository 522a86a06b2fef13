// Before contact rows are written (issue 17): a contact whose row names another account than the stored one
// moves; the account they leave is kept on the contact (moved_from) so their roles there end and the
// alerts can say where they came from, and their reporting lines with people of that account and their
// circle memberships there end (issue 18: no link crosses accounts after a move). The person stays one
// node: ties, activities and history follow.
UNWIND $rows AS row
MATCH (c:Contact {id: row.id})-[:WORKS_AT]->(old:Account)
WHERE old.id <> row.account
SET c.moved_from = old.id
WITH c, old
CALL (c, old) {
  OPTIONAL MATCH (c)-[line:REPORTS_TO]-(:Contact)-[:WORKS_AT]->(old)
  DELETE line
}
CALL (c, old) {
  OPTIONAL MATCH (c)-[member:MEMBER_OF]->(:Circle)-[:IN]->(old)
  DELETE member
}
