// Audit entries about one entity and about the relationships the write API edits with it at either end,
// newest first: the history panel of a person or a deal (a deal's members and competitors' ratings, a person's
// lines, circles, roles and ties are relationship entries, keyed 'from->to').
// $outgoing: relationship types whose start is this label; $incoming: those whose end is this label.
CALL () {
  MATCH (e:AuditEntry) WHERE e.entity = $entity AND e.entity_id = $entity_id RETURN e
  UNION
  MATCH (e:AuditEntry) WHERE e.entity IN $outgoing AND e.entity_id STARTS WITH $entity_id + '->' RETURN e
  UNION
  MATCH (e:AuditEntry) WHERE e.entity_id ENDS WITH '->' + $entity_id AND e.entity IN $incoming RETURN e
}
RETURN e.id AS id, toString(e.at) AS at, e.actor AS actor, e.actor_key_id AS actor_key_id, e.role AS role, e.action AS action,
       e.entity AS entity, e.entity_id AS entity_id, e.previous AS previous, e.current AS current,
       e.undone_by AS undone_by, e.user AS user, e.employee AS employee
ORDER BY e.at DESC, e.id DESC
SKIP $offset LIMIT $limit
