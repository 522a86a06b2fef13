// The stored hash, role and state of one key, for authenticating a request.
MATCH (k:ApiKey {id: $id})
RETURN k.name AS name, k.role AS role, k.hash AS hash, k.revoked_at IS NOT NULL AS revoked
