// Create or replace one (:Competitor)-[:COMPETES_IN]->(:Opportunity); its properties become exactly $props. Tells whether it is new.
MATCH (a:Competitor {id: $from}), (b:Opportunity {id: $to})
OPTIONAL MATCH (a)-[old:COMPETES_IN]->(b)
WITH a, b, old IS NULL AS created
MERGE (a)-[r:COMPETES_IN]->(b)
SET r = $props
RETURN created, properties(r) AS properties
