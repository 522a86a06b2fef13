// Everything held about one person: the node, its relationships (with the other end), history snapshots.
MATCH (n:$($label) {id: $id})
RETURN properties(n) AS properties,
       COLLECT { MATCH (n)-[r]-(m) WHERE NOT m:AuditEntry
                 RETURN {type: type(r), direction: CASE WHEN startNode(r) = n THEN 'out' ELSE 'in' END,
                         other: {label: labels(m)[0], id: m.id, name: m.name}, properties: properties(r)} } AS relationships,
       COLLECT { MATCH (s:ContactState|RoleState|TieState) WHERE s[$field] = $id
                 RETURN {kind: labels(s)[0], state: properties(s)} } AS history
