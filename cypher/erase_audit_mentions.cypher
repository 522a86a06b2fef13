// Other audit entries whose recorded values mention the erased person's id (their relationships, members).
MATCH (e:AuditEntry)
WHERE e.previous CONTAINS $quoted OR e.current CONTAINS $quoted
RETURN e.id AS id, e.previous AS previous, e.current AS current
