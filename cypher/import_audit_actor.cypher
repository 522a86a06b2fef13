// An import audit entry without an API key (the CLI): name where it came from as the actor.
MATCH (e:AuditEntry {id: $id})
SET e.actor = $actor
