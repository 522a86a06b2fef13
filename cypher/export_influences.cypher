// Influence edges as bundle rows, sorted.
MATCH (a:Contact)-[r:INFLUENCES]->(b:Contact)
RETURN {`from`: a.id, to: b.id, strength: r.strength} AS row
ORDER BY a.id, b.id
