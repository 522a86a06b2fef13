// Say which user an API key belongs to (the audit trail then names that user).
MATCH (k:ApiKey {id: $id})
SET k.user = $user
RETURN k.id AS id, k.user AS user
