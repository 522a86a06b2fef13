// Delete the history snapshots of an erased person ($field: 'contact' or 'employee').
MATCH (s:ContactState|RoleState|TieState)
WHERE s[$field] = $id
DETACH DELETE s
RETURN count(*) AS states
