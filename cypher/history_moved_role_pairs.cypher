// Role pairs to capture after an import for contacts that moved or left (issue 17): their recorded roles,
// so a role the move ended gets its `present: false` state. Other contacts cost one index lookup.
UNWIND $ids AS id
MATCH (c:Contact {id: id})
WHERE c.moved_from IS NOT NULL OR c.left_at IS NOT NULL
MATCH (s:RoleState {contact: id})
RETURN DISTINCT s.contact AS contact, s.opportunity AS opportunity
