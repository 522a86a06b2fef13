// A node's properties and every relationship (type, direction, other end, properties): what undo restores.
MATCH (n:$($label) {id: $id})
RETURN properties(n) AS props,
       [(n)-[r]->(m) WHERE NOT m:AuditEntry | {type: type(r), out: true, label: labels(m)[0], id: m.id, props: properties(r)}]
     + [(n)<-[r]-(m) WHERE NOT m:AuditEntry | {type: type(r), out: false, label: labels(m)[0], id: m.id, props: properties(r)}]
       AS rels
