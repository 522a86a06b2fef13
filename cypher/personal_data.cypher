// Everything held about one person: the node, its relationships (with the other end), their e-mail
// addresses (issue 13), history snapshots (their own, and those of pairs they are an end of: roles, ties,
// reporting lines also as the manager, deals they owned; issue 17).
MATCH (n:$($label) {id: $id})
RETURN properties(n) AS properties,
       COLLECT { MATCH (n)-[r]-(m) WHERE NOT m:AuditEntry
                 RETURN {type: type(r), direction: CASE WHEN startNode(r) = n THEN 'out' ELSE 'in' END,
                         other: {label: labels(m)[0], id: m.id, name: m.name}, properties: properties(r)} } AS relationships,
       COLLECT { MATCH (n)-[:HAS_EMAIL]->(m:EmailAddress) RETURN m.address } AS addresses,
       COLLECT { MATCH (s:ContactState|RoleState|TieState|LineState|DealState)
                 WHERE s[$field] = $id OR ($field = 'contact' AND s:LineState AND s.manager = $id)
                    OR ($field = 'employee' AND s:DealState AND s.owner = $id)
                 RETURN {kind: labels(s)[0], state: properties(s)} } AS history
