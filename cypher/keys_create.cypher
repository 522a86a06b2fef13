// Store a new API key: the secret's SHA-256 only, never the secret.
CREATE (k:ApiKey {id: $id, name: $name, role: $role, hash: $hash, created_at: datetime()})
RETURN k.id AS id, k.name AS name, k.role AS role, toString(k.created_at) AS created_at
