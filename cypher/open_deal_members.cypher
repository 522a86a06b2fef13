// Decision-chain memberships in open deals (stage not won/lost): who sits in which deal, with its amount.
MATCH (c:Contact)-[r:ROLE_IN]->(o:Opportunity)
WHERE NOT coalesce(o.stage, '') IN ['won', 'lost']
OPTIONAL MATCH (o)-[:FOR]->(a:Account)
RETURN c.id AS contact, o.id AS opportunity, o.name AS opportunity_name, o.amount AS amount,
       o.stage AS stage, r.role AS role, a.id AS account, a.name AS account_name
ORDER BY opportunity, contact
