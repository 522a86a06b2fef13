// The history snapshots of an erased person ($field: 'contact' or 'employee'): their own states and the
// states of every pair they are one end of (roles, ties, reporting lines, also as the manager) are deleted;
// deal states that name them as the owner keep the change but name them by the erasure token (issue 17).
CALL () {
  MATCH (s:ContactState|RoleState|TieState|LineState) WHERE s[$field] = $id
  DETACH DELETE s
  RETURN count(*) AS own
}
CALL () {
  MATCH (s:LineState) WHERE $field = 'contact' AND s.manager = $id
  DETACH DELETE s
  RETURN count(*) AS managed
}
CALL () {
  MATCH (s:DealState) WHERE $field = 'employee' AND s.owner = $id
  SET s.owner = $token
  RETURN count(*) AS owned
}
RETURN own + managed AS states, owned AS deal_states_rewritten
