// Names of the constraints and indexes that exist and are online, to tell whether schema.cypher is applied.
SHOW INDEXES YIELD name, state, owningConstraint
WHERE state = 'ONLINE'
RETURN collect(coalesce(owningConstraint, name)) AS names
