// Write back import journal entries with the erased person taken out.
UNWIND $rows AS row
MATCH (j:ImportChange {run: row.run, seq: row.seq})
SET j.created = row.created, j.changed = row.changed
RETURN count(j) AS entries
