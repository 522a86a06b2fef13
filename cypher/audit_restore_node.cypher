// Undo for a node: put back its properties and exactly its previous relationships.
MERGE (n:$($label) {id: $id})
SET n = $props
WITH n
CALL (n) {
  MATCH (n)-[r]-(m) WHERE NOT m:AuditEntry
  DELETE r
}
WITH n
UNWIND $rels AS rel
MATCH (m:$(rel.label) {id: rel.id})
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
