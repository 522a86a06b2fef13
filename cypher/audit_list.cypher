// Audit entries, newest first, optionally for one entity (label or relationship type) and id.
MATCH (e:AuditEntry)
WHERE ($entity IS NULL OR e.entity = $entity) AND ($entity_id IS NULL OR e.entity_id = $entity_id)
  AND ($actor IS NULL OR e.actor = $actor)
RETURN e.id AS id, toString(e.at) AS at, e.actor AS actor, e.actor_key_id AS actor_key_id, e.role AS role, e.action AS action,
       e.entity AS entity, e.entity_id AS entity_id, e.previous AS previous, e.current AS current,
       e.undone_by AS undone_by, e.user AS user, e.employee AS employee
ORDER BY e.at DESC, e.id DESC
SKIP $offset LIMIT $limit
