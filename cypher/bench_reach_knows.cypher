// Benchmark: every KNOWS tie with its strength (null = reach's default), for the NetworkX copy.
MATCH (e:Employee)-[k:KNOWS]->(c:Contact)
RETURN e.id AS employee, c.id AS contact, k.strength AS strength
