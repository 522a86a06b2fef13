// Department -> account of stored departments, so a contact's department can be checked against its account.
UNWIND $departments AS depId
MATCH (d:Department {id: depId})-[:PART_OF*1..20]->(a:Account)
RETURN d.id AS department, a.id AS account
