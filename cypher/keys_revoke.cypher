// Revoke one live key by its id; returns what was revoked.
MATCH (k:ApiKey {id: $id})
WHERE k.revoked_at IS NULL
SET k.revoked_at = datetime()
RETURN k.id AS id, k.name AS name, k.role AS role, toString(k.created_at) AS created_at,
       toString(k.revoked_at) AS revoked_at
