// One audit entry: who, when, what, and the values before and after (JSON text).
CREATE (e:AuditEntry {id: $id, at: datetime(), actor: $actor, role: $role, action: $action,
                      entity: $entity, entity_id: $entity_id, previous: $previous, current: $current})
RETURN e.id AS id, toString(e.at) AS at
