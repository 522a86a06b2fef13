MATCH (e:AuditEntry {id: $id})
RETURN e.id AS id, toString(e.at) AS at, e.actor AS actor, e.role AS role, e.action AS action,
       e.entity AS entity, e.entity_id AS entity_id, e.previous AS previous, e.current AS current,
       e.undone_by AS undone_by, e.erased AS erased
