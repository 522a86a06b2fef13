// Audit entries an erased employee made as a signed-in user (issue 14's `employee` of the actor): who did
// what stays as the erasure token, not as their id.
MATCH (e:AuditEntry {employee: $id})
SET e.employee = $token
RETURN count(e) AS entries
