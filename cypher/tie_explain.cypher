// Issue 13: the stored tie of each (employee, contact) pair: the live KNOWS and the dormant KNEW, as property
// maps (null when absent). Reach adds these to its KNOWS steps; GET /employees/{id}/knows/{contact} shows one.
UNWIND $pairs AS pair
OPTIONAL MATCH (e:Employee {id: pair.employee})-[k:KNOWS]->(c:Contact {id: pair.contact})
OPTIONAL MATCH (:Employee {id: pair.employee})-[d:KNEW]->(:Contact {id: pair.contact})
RETURN pair.employee AS employee, pair.contact AS contact,
       CASE WHEN k IS NULL THEN null ELSE properties(k) END AS knows,
       CASE WHEN d IS NULL THEN null ELSE properties(d) END AS knew
