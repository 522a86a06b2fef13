// Create or replace one (:Contact)-[:ROLE_IN]->(:Opportunity); its properties become exactly $props. Tells whether it is new.
MATCH (a:Contact {id: $from}), (b:Opportunity {id: $to})
OPTIONAL MATCH (a)-[old:ROLE_IN]->(b)
WITH a, b, old IS NULL AS created
MERGE (a)-[r:ROLE_IN]->(b)
SET r = $props
RETURN created, properties(r) AS properties
