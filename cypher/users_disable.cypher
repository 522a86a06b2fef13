// Disable a user and revoke every live session of theirs at once.
MATCH (u:User {username: $username})
SET u.disabled = true, u.disabled_at = coalesce(u.disabled_at, datetime())
WITH u
OPTIONAL MATCH (s:Session {username: u.username}) WHERE s.revoked_at IS NULL
SET s.revoked_at = datetime()
RETURN u.username AS username, count(s) AS sessions_revoked
