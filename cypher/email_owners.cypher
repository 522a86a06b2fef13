// Issue 13: who holds each of the given (lower-cased) addresses now: person kind and id.
UNWIND $addresses AS address
MATCH (p)-[:HAS_EMAIL]->(:EmailAddress {address: address})
WHERE p:Contact OR p:Employee
RETURN address, CASE WHEN p:Contact THEN 'contacts' ELSE 'employees' END AS kind, p.id AS id
