MATCH (e:AuditEntry {id: $id})
SET e.undone_by = $undo_id
