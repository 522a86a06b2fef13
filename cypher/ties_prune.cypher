// Issue 13: after a full recompute of these employees, derived ties (KNOWS source 'derived', or KNEW) to
// contacts they no longer have any counted activity with are removed. Manual ties stay. `contacts`: the other
// ends of the KNOWS removed (app.services.ties declares them for the company-wide views).
UNWIND $keep AS row
MATCH (e:Employee {id: row.employee})-[k:KNOWS|KNEW]->(c:Contact)
WHERE (type(k) = 'KNEW' OR k.source = 'derived') AND NOT c.id IN row.contacts
WITH k, c, type(k) = 'KNOWS' AS knows
DELETE k
RETURN count(*) AS pruned, collect(DISTINCT CASE WHEN knows THEN c.id END) AS contacts
