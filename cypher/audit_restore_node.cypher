// Undo for a node: put back its properties and exactly its previous relationships. Nodes are found through
// the id indexes of the labels the audit names (see audit_snapshot_node); a deleted node is created again, and
// so are its email addresses (by address).
OPTIONAL MATCH (existing:Contact|Account|Department|Employee|Circle|Opportunity|Competitor|Activity|ApiKey|CoachingNote {id: $id}) WHERE $label IN labels(existing)
CALL (existing) {
  WITH existing WHERE existing IS NULL
  CREATE (created:$($label) {id: $id})
  RETURN created AS n
  UNION
  WITH existing WHERE existing IS NOT NULL
  RETURN existing AS n
}
SET n = $props
WITH n
CALL (n) {
  MATCH (n)-[r]-(m) WHERE NOT m:AuditEntry
  DELETE r
}
WITH n
UNWIND $rels AS rel
CALL (rel) {
  WITH rel WHERE rel.label <> 'EmailAddress'
  MATCH (m:Contact|Account|Department|Employee|Circle|Opportunity|Competitor|Activity|ApiKey|CoachingNote {id: rel.id}) WHERE rel.label IN labels(m)
  RETURN m
  UNION
  WITH rel WHERE rel.label = 'EmailAddress' AND rel.id IS NOT NULL  // keyed by address (a delete removed it)
  MERGE (m:EmailAddress {address: rel.id})
  RETURN m
}
CALL (n, m, rel) {
  WITH n, m, rel WHERE rel.out
  MERGE (n)-[r:$(rel.type)]->(m)
  SET r = rel.props
}
CALL (n, m, rel) {
  WITH n, m, rel WHERE NOT rel.out
  MERGE (n)<-[r:$(rel.type)]-(m)
  SET r = rel.props
}
RETURN count(*) AS restored
