// A node's properties and every relationship (type, direction, other end, properties): what undo restores.
// An email address has no id: its address stands in (undo finds it by address, see audit_restore_node).
// The node is found through the id indexes of the labels the audit names (a union of index seeks): Neo4j 5.26
// plans a dynamic label, `(n:$($label) {id: $id})`, as a scan of every node (issue 14: an undo at S took 9 s).
MATCH (n:Contact|Account|Department|Employee|Circle|Opportunity|Competitor|Activity|ApiKey|CoachingNote {id: $id}) WHERE $label IN labels(n)
RETURN properties(n) AS props,
       [(n)-[r]->(m) WHERE NOT m:AuditEntry | {type: type(r), out: true, label: labels(m)[0], id: coalesce(m.id, m.address), props: properties(r)}]
     + [(n)<-[r]-(m) WHERE NOT m:AuditEntry | {type: type(r), out: false, label: labels(m)[0], id: coalesce(m.id, m.address), props: properties(r)}]
       AS rels
