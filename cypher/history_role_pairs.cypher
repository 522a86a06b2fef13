// (contact, opportunity) pairs for a history capture: current ROLE_IN edges plus pairs with states,
// limited to one contact or one opportunity when given (both null: all). One branch per case so each
// can use its index; a null id matches nothing. The "all" branches start from an UNWIND that is empty unless
// both ids are null: a `WHERE $contact IS NULL` filter ran after a scan of every RoleState on each call
// (an undo at S took 7 s; history_line_pairs had the same fix in session 3).
UNWIND CASE WHEN $contact IS NULL AND $opportunity IS NULL THEN [true] ELSE [] END AS everything
MATCH (c:Contact)-[:ROLE_IN]->(o:Opportunity)
RETURN c.id AS contact, o.id AS opportunity
UNION
MATCH (c:Contact {id: $contact})-[:ROLE_IN]->(o:Opportunity) RETURN c.id AS contact, o.id AS opportunity
UNION
MATCH (c:Contact)-[:ROLE_IN]->(o:Opportunity {id: $opportunity}) RETURN c.id AS contact, o.id AS opportunity
UNION
UNWIND CASE WHEN $contact IS NULL AND $opportunity IS NULL THEN [true] ELSE [] END AS everything
MATCH (s:RoleState)
RETURN s.contact AS contact, s.opportunity AS opportunity
UNION
MATCH (s:RoleState {contact: $contact}) RETURN s.contact AS contact, s.opportunity AS opportunity
UNION
MATCH (s:RoleState {opportunity: $opportunity}) WHERE s.contact IS NOT NULL AND s.at IS NOT NULL
RETURN s.contact AS contact, s.opportunity AS opportunity
