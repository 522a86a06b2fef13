// Issue 13: a employee's email addresses as (:Employee)-[:HAS_EMAIL]->(:EmailAddress {address}) (lower-cased,
// unique). The row is authoritative: addresses it no longer lists are unlinked, and removed when nobody
// else holds them. Uniqueness across people is checked before writing (app.services.email_rules).
UNWIND $rows AS row
MATCH (p:Employee {id: row.id})
WITH p, coalesce(row.emails, []) AS emails
CALL (p, emails) {
  MATCH (p)-[old:HAS_EMAIL]->(m:EmailAddress) WHERE NOT m.address IN emails
  DELETE old
  WITH m WHERE NOT EXISTS { ()-[:HAS_EMAIL]->(m) }
  DELETE m
}
CALL (p, emails) {
  UNWIND emails AS address
  MERGE (m:EmailAddress {address: address})
  MERGE (p)-[:HAS_EMAIL]->(m)
}
