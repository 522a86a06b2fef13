// Write back audit values with the erased person taken out.
UNWIND $rows AS row
MATCH (e:AuditEntry {id: row.id})
SET e.previous = row.previous, e.current = row.current
RETURN count(e) AS entries
