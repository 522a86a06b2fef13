// Sub-departments of a department (deleting it needs cascade=true, which deletes the whole subtree).
MATCH (d:Department {id: $id})
RETURN {departments: COUNT { (:Department)-[:PART_OF]->(d) }} AS blockers
