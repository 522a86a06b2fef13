// The live (not revoked, not expired) session with this token hash and its user, if that user is enabled.
MATCH (s:Session {id: $id})
WHERE s.revoked_at IS NULL AND s.expires_at > datetime()
MATCH (u:User {username: s.username})
WHERE NOT u.disabled
RETURN u.username AS username, u.role AS role, u.employee AS employee, toString(s.expires_at) AS expires_at
