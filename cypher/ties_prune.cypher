// Issue 13: after a full recompute of these employees, derived ties (KNOWS source 'derived', or KNEW) to
// contacts they no longer have any counted activity with are removed. Manual ties stay.
UNWIND $keep AS row
MATCH (e:Employee {id: row.employee})-[k:KNOWS|KNEW]->(c:Contact)
WHERE (type(k) = 'KNEW' OR k.source = 'derived') AND NOT c.id IN row.contacts
DELETE k
RETURN count(*) AS pruned
