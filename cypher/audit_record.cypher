// One audit entry: who (key id and name; role), when, what, and the values before and after (JSON text).
// user / employee (issue 14): the signed-in person, or the user an API key belongs to (null for programs).
CREATE (e:AuditEntry {id: $id, at: datetime(), actor: $actor, actor_key_id: $actor_key_id, role: $role,
                      action: $action, entity: $entity, entity_id: $entity_id, previous: $previous,
                      current: $current, user: $user, employee: $employee})
RETURN e.id AS id, toString(e.at) AS at
