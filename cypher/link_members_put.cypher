// Create or replace one (:Contact)-[:MEMBER_OF]->(:Circle); its properties become exactly $props. Tells whether it is new.
MATCH (a:Contact {id: $from}), (b:Circle {id: $to})
OPTIONAL MATCH (a)-[old:MEMBER_OF]->(b)
WITH a, b, old IS NULL AS created
MERGE (a)-[r:MEMBER_OF]->(b)
SET r = $props
RETURN created, properties(r) AS properties
