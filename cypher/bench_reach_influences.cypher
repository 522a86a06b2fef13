// Benchmark: every influence edge with its strength (null = reach's default), for the NetworkX copy.
MATCH (a:Contact)-[r:INFLUENCES]->(b:Contact)
RETURN a.id AS src, b.id AS dst, r.strength AS strength
