// (contact, opportunity) pairs for a history capture: current ROLE_IN edges plus pairs with states,
// limited to one contact or one opportunity when given (both null: all). One branch per case so each
// can use its index; a null id matches nothing.
MATCH (c:Contact)-[:ROLE_IN]->(o:Opportunity) WHERE $contact IS NULL AND $opportunity IS NULL
RETURN c.id AS contact, o.id AS opportunity
UNION
MATCH (c:Contact {id: $contact})-[:ROLE_IN]->(o:Opportunity) RETURN c.id AS contact, o.id AS opportunity
UNION
MATCH (c:Contact)-[:ROLE_IN]->(o:Opportunity {id: $opportunity}) RETURN c.id AS contact, o.id AS opportunity
UNION
MATCH (s:RoleState) WHERE $contact IS NULL AND $opportunity IS NULL
RETURN s.contact AS contact, s.opportunity AS opportunity
UNION
MATCH (s:RoleState {contact: $contact}) RETURN s.contact AS contact, s.opportunity AS opportunity
UNION
MATCH (s:RoleState {opportunity: $opportunity}) WHERE s.contact IS NOT NULL AND s.at IS NOT NULL
RETURN s.contact AS contact, s.opportunity AS opportunity
