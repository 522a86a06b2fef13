// "All contacts" for a history capture: every current contact plus every contact that has states
// (so a deleted one is recorded as gone).
MATCH (c:Contact) RETURN c.id AS id
UNION
MATCH (s:ContactState) RETURN s.contact AS id
