// Stored influence edges for the given (from, to) pairs, as bundle rows (the import's no-op check).
UNWIND $pairs AS pair
MATCH (a:Contact {id: pair.a}), (b:Contact {id: pair.b})
MATCH (a)-[r:INFLUENCES]->(b)
RETURN {`from`: a.id, to: b.id, strength: r.strength} AS row
