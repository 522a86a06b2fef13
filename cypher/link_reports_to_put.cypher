// Create or replace one (:Contact)-[:REPORTS_TO]->(:Contact); its properties become exactly $props. Tells whether it is new.
MATCH (a:Contact {id: $from}), (b:Contact {id: $to})
OPTIONAL MATCH (a)-[old:REPORTS_TO]->(b)
WITH a, b, old IS NULL AS created
MERGE (a)-[r:REPORTS_TO]->(b)
SET r = $props
RETURN created, properties(r) AS properties
