// Issue 13: after a recompute of just these (employee, contact) pairs (what an import touched), the derived ties
// (KNOWS source 'derived', or KNEW) of the pairs left with no counted activity are removed. Manual ties stay.
UNWIND $pairs AS pair
MATCH (e:Employee {id: pair.employee})-[k:KNOWS|KNEW]->(c:Contact {id: pair.contact})
WHERE type(k) = 'KNEW' OR k.source = 'derived'
DELETE k
RETURN count(*) AS pruned
