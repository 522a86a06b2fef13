// Issue 13: the person behind each (lower-cased) address, for matching organisers, attendees, senders and
// recipients: kind, id, whether an employee is excluded from capture, a contact's account.
UNWIND $addresses AS address
MATCH (p)-[:HAS_EMAIL]->(:EmailAddress {address: address})
WHERE p:Contact OR p:Employee
RETURN address, CASE WHEN p:Contact THEN 'contact' ELSE 'employee' END AS kind, p.id AS id,
       coalesce(p.capture_excluded, false) AS excluded,
       [(p)-[:WORKS_AT]->(a:Account) | a.id][0] AS account
