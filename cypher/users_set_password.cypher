// A new password hash; every live session of the user is revoked (they sign in again).
MATCH (u:User {username: $username})
SET u.hash = $hash
WITH u
OPTIONAL MATCH (s:Session {username: u.username}) WHERE s.revoked_at IS NULL
SET s.revoked_at = datetime()
RETURN u.username AS username, count(s) AS sessions_revoked
