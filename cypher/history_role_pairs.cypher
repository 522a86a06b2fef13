// (contact, opportunity) pairs for a history capture: current ROLE_IN edges plus pairs with states,
// limited to one contact or one opportunity when given (both null: all).
MATCH (c:Contact)-[:ROLE_IN]->(o:Opportunity)
WHERE ($contact IS NULL AND $opportunity IS NULL) OR c.id = $contact OR o.id = $opportunity
RETURN c.id AS contact, o.id AS opportunity
UNION
MATCH (s:RoleState)
WHERE ($contact IS NULL AND $opportunity IS NULL) OR s.contact = $contact OR s.opportunity = $opportunity
RETURN s.contact AS contact, s.opportunity AS opportunity
