// Upsert one competitor's name; its COMPETES_IN entries are left as they are (/opportunities/{id}/competitors).
UNWIND $rows AS row
MERGE (k:Competitor {id: row.id})
SET k.name = row.name
