// Influence: the first contact can sway the second; strength 0..1 (unset = default weight in reach).
UNWIND $rows AS row
MATCH (a:Contact {id: row.from_}), (b:Contact {id: row.to})
MERGE (a)-[r:INFLUENCES]->(b)
SET r.strength = row.strength
