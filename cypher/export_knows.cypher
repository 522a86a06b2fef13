// Employee influence (KNOWS) as bundle rows, sorted.
MATCH (e:Employee)-[k:KNOWS]->(c:Contact)
RETURN {employee: e.id, contact: c.id, strength: k.strength, since: k.since, source: k.source} AS row
ORDER BY e.id, c.id
