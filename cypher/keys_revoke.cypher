// Revoke by id or by name (all live keys of that name); returns what was revoked.
MATCH (k:ApiKey)
WHERE (k.id = $key OR k.name = $key) AND k.revoked_at IS NULL
SET k.revoked_at = datetime()
RETURN k.id AS id, k.name AS name
