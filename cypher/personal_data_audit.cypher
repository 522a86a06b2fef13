// Audit entries about one person: their node and every edge with them at one end, oldest first.
MATCH (e:AuditEntry)
WHERE e.entity IN $entities
  AND (e.entity_id = $id OR e.entity_id STARTS WITH $id + '->' OR e.entity_id ENDS WITH '->' + $id)
RETURN e.id AS id, toString(e.at) AS at, e.actor AS actor, e.action AS action, e.entity AS entity,
       e.entity_id AS entity_id, e.previous AS previous, e.current AS current
ORDER BY e.at, e.id
LIMIT 10000
