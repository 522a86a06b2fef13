// Delete an employee and their relationships (KNOWS, OWNS, REPORTS_TO), and (cascade) the activities they logged.
MATCH (e:Employee {id: $id})
WITH e, COLLECT { MATCH (e)-[:LOGGED]->(act:Activity) RETURN act } AS logged
FOREACH (x IN logged | DETACH DELETE x)
FOREACH (m IN [(e)-[:HAS_EMAIL]->(m:EmailAddress) | m] | DETACH DELETE m)
DETACH DELETE e
RETURN 1 + size(logged) AS deleted
