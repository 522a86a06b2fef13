// Serialise key creation and revocation (name uniqueness among live keys): one registry node, write-locked.
MERGE (r:ApiKeyRegistry {id: 'keys'})
SET r.locked_at = datetime()
RETURN r.id AS id
