// Create or replace one (:Employee)-[:KNOWS]->(:Contact); its properties become exactly $props. Tells whether it is new.
MATCH (a:Employee {id: $from}), (b:Contact {id: $to})
OPTIONAL MATCH (a)-[old:KNOWS]->(b)
WITH a, b, old IS NULL AS created
MERGE (a)-[r:KNOWS]->(b)
SET r = $props
RETURN created, properties(r) AS properties
