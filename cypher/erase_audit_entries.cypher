// Tombstone the audit entries about an erased person (the node, or an edge with them at one end):
// who, when and which action stay; the values go and the id becomes the erasure token.
MATCH (e:AuditEntry)
WHERE e.entity IN $entities
  AND (e.entity_id = $id OR e.entity_id STARTS WITH $id + '->' OR e.entity_id ENDS WITH '->' + $id)
SET e.previous = null, e.current = null, e.erased = true,
    e.entity_id = CASE
      WHEN e.entity_id = $id THEN $token
      WHEN e.entity_id STARTS WITH $id + '->' THEN $token + substring(e.entity_id, size($id))
      ELSE left(e.entity_id, size(e.entity_id) - size($id)) + $token END
RETURN count(e) AS entries
