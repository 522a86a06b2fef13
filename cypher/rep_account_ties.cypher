// Per employee and account: the contacts there the employee KNOWS directly, with their overall closeness
// (a rep's account grade is the best grade these reach). $employees: a list of ids, or null for everyone.
CALL () {
  WITH $employees AS ids WHERE ids IS NULL
  MATCH (e:Employee) RETURN e
  UNION
  UNWIND coalesce($employees, []) AS id
  MATCH (e:Employee {id: id}) RETURN e
}
OPTIONAL MATCH (e)-[:KNOWS]->(c:Contact)-[:WORKS_AT]->(acc:Account)
WITH e, acc, collect(CASE WHEN c IS NULL THEN null ELSE {id: c.id, name: c.name, closeness: c.closeness} END) AS contacts
WITH e, collect(CASE WHEN acc IS NULL THEN null ELSE {account: acc.id, name: acc.name, contacts: contacts} END) AS accounts
RETURN e.id AS id, e.name AS name, e.title AS title, e.team AS team, accounts
ORDER BY name, id
