// Every key, newest first, without hashes.
MATCH (k:ApiKey)
RETURN k.id AS id, k.name AS name, k.role AS role, toString(k.created_at) AS created_at,
       toString(k.revoked_at) AS revoked_at
ORDER BY k.created_at DESC, k.id
