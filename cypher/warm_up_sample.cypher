// One open opportunity with its account and one member (the warm-up runs the page's first clicks on them).
OPTIONAL MATCH (o:Opportunity)-[:FOR]->(a:Account)
WHERE NOT coalesce(o.stage, '') IN ['won', 'lost']
WITH o, a ORDER BY o.id LIMIT 1
RETURN o.id AS opportunity, a.id AS account,
       head([(c:Contact)-[:ROLE_IN]->(o) | c.id]) AS contact
