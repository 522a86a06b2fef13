// Sign out: revoke one session by its token hash.
MATCH (s:Session {id: $id}) WHERE s.revoked_at IS NULL
SET s.revoked_at = datetime()
RETURN count(s) AS revoked
