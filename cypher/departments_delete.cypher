// Delete a department and the departments below it; contacts in them stay (they only lose WORKS_IN).
MATCH (d:Department {id: $id})
WITH d, COLLECT { MATCH (x:Department)-[:PART_OF*1..50]->(d) RETURN x } AS below
FOREACH (x IN below | DETACH DELETE x)
DETACH DELETE d
RETURN 1 + size(below) AS deleted
