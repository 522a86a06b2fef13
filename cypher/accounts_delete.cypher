// Delete an account with everything that belongs to it: departments (all levels), contacts, circles,
// opportunities. Activities whose every contact goes are removed first by accounts_delete_activities.
MATCH (a:Account {id: $id})
WITH a, COLLECT { MATCH (x:Department)-[:PART_OF*1..50]->(a) RETURN x }
      + COLLECT { MATCH (x:Contact)-[:WORKS_AT]->(a) RETURN x }
      + COLLECT { MATCH (x:Circle)-[:IN]->(a) RETURN x }
      + COLLECT { MATCH (x:Opportunity)-[:FOR]->(a) RETURN x } AS doomed
FOREACH (held IN [x IN doomed WHERE x:Contact | [(x)-[:HAS_EMAIL]->(m:EmailAddress) | m]] | FOREACH (y IN held | DETACH DELETE y))
FOREACH (x IN doomed | DETACH DELETE x)
DETACH DELETE a
RETURN 1 + size(doomed) AS deleted
