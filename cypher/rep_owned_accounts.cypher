// The accounts an employee owns deals in (any stage), with those deals' ids: the scope of account operations.
MATCH (:Employee {id: $id})-[:OWNS]->(o:Opportunity)-[:FOR]->(a:Account)
WITH a, collect(o.id) AS deals
RETURN a.id AS id, a.name AS name, deals
ORDER BY name, id
