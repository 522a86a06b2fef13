// Stored KNOWS ties for the given (employee, contact) pairs, as bundle rows (the import's no-op check).
UNWIND $pairs AS pair
MATCH (e:Employee {id: pair.a}), (c:Contact {id: pair.b})
MATCH (e)-[k:KNOWS]->(c)
RETURN {employee: e.id, contact: c.id, strength: k.strength, since: k.since, source: k.source} AS row
