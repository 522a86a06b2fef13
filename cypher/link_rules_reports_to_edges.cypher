// Stored solid reporting lines of the given accounts' contacts (cycles stay inside an account: cross-account lines are refused).
UNWIND $accounts AS accountId
MATCH (:Account {id: accountId})<-[:WORKS_AT]-(a:Contact)-[r:REPORTS_TO]->(b:Contact)
WHERE NOT coalesce(r.dotted, false)
RETURN a.id AS from, b.id AS to
