// Create or replace one (:Contact)-[:INFLUENCES]->(:Contact); its properties become exactly $props. Tells whether it is new.
MATCH (a:Contact {id: $from}), (b:Contact {id: $to})
OPTIONAL MATCH (a)-[old:INFLUENCES]->(b)
WITH a, b, old IS NULL AS created
MERGE (a)-[r:INFLUENCES]->(b)
SET r = $props
RETURN created, properties(r) AS properties
