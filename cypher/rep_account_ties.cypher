// Per employee and account: the contacts there the employee KNOWS directly, with their overall closeness
// (a rep's account grade is the best grade these reach). $employee: one id, or null for everyone.
MATCH (e:Employee)
WHERE $employee IS NULL OR e.id = $employee
OPTIONAL MATCH (e)-[:KNOWS]->(c:Contact)-[:WORKS_AT]->(acc:Account)
WITH e, acc, collect(CASE WHEN c IS NULL THEN null ELSE {id: c.id, name: c.name, closeness: c.closeness} END) AS contacts
WITH e, collect(CASE WHEN acc IS NULL THEN null ELSE {account: acc.id, name: acc.name, contacts: contacts} END) AS accounts
RETURN e.id AS id, e.name AS name, e.title AS title, e.team AS team, accounts
ORDER BY name, id
