// Stored reporting lines for the given (from, to) pairs, as bundle rows (the import's no-op check).
UNWIND $pairs AS pair
MATCH (a:Contact {id: pair.a}), (b:Contact {id: pair.b})
MATCH (a)-[r:REPORTS_TO]->(b)
RETURN {`from`: a.id, to: b.id, dotted: r.dotted} AS row
