// The employees who KNOW each contact directly (the first step of every warm path).
UNWIND $ids AS id
MATCH (e:Employee)-[:KNOWS]->(:Contact {id: id})
RETURN id, collect(DISTINCT e.id) AS employees
