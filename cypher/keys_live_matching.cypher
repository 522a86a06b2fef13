// Live (not revoked) keys whose id or name is $key: zero, one, or (legacy duplicates) several.
MATCH (k:ApiKey)
WHERE (k.id = $key OR k.name = $key) AND k.revoked_at IS NULL
RETURN k.id AS id, k.name AS name, k.role AS role, toString(k.created_at) AS created_at
ORDER BY k.id
