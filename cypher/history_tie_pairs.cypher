// (employee, contact) pairs for a history capture: current KNOWS edges plus pairs with states,
// limited to one employee or one contact when given (both null: all).
MATCH (e:Employee)-[:KNOWS]->(c:Contact)
WHERE ($employee IS NULL AND $contact IS NULL) OR e.id = $employee OR c.id = $contact
RETURN e.id AS employee, c.id AS contact
UNION
MATCH (s:TieState)
WHERE ($employee IS NULL AND $contact IS NULL) OR s.employee = $employee OR s.contact = $contact
RETURN s.employee AS employee, s.contact AS contact
