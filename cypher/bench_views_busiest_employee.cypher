// Issue 15 benchmark: the employee with the most KNOWS ties (the heaviest one-employee answers).
MATCH (e:Employee)-[k:KNOWS]->()
WITH e, count(k) AS n
RETURN e.id AS id ORDER BY n DESC, id LIMIT 1
