// (employee, contact) pairs for a history capture: current KNOWS edges plus pairs with states,
// limited to one employee or one contact when given (both null: all). One branch per case so each
// can use its index; a null id matches nothing. The "all" branches start from an UNWIND that is empty unless
// both ids are null: a `WHERE $employee IS NULL` filter ran after a scan of every TieState on each call.
UNWIND CASE WHEN $employee IS NULL AND $contact IS NULL THEN [true] ELSE [] END AS everything
MATCH (e:Employee)-[:KNOWS]->(c:Contact)
RETURN e.id AS employee, c.id AS contact
UNION
MATCH (e:Employee {id: $employee})-[:KNOWS]->(c:Contact) RETURN e.id AS employee, c.id AS contact
UNION
MATCH (e:Employee)-[:KNOWS]->(c:Contact {id: $contact}) RETURN e.id AS employee, c.id AS contact
UNION
UNWIND CASE WHEN $employee IS NULL AND $contact IS NULL THEN [true] ELSE [] END AS everything
MATCH (s:TieState)
RETURN s.employee AS employee, s.contact AS contact
UNION
MATCH (s:TieState {employee: $employee}) WHERE s.contact IS NOT NULL AND s.at IS NOT NULL
RETURN s.employee AS employee, s.contact AS contact
UNION
MATCH (s:TieState {contact: $contact}) RETURN s.employee AS employee, s.contact AS contact
