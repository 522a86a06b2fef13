// Upsert department nodes (links come in import_department_links, once every department exists).
UNWIND $rows AS row
MERGE (d:Department {id: row.id})
SET d.name = row.name
