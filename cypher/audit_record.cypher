// One audit entry: who, when, what, and the values before and after (JSON text).
// user / employee (issue 14): the signed-in person, or the user an API key belongs to (null for programs).
CREATE (e:AuditEntry {id: $id, at: datetime(), actor: $actor, role: $role, action: $action,
                      entity: $entity, entity_id: $entity_id, previous: $previous, current: $current,
                      user: $user, employee: $employee})
RETURN e.id AS id, toString(e.at) AS at
