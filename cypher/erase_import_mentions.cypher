// Import journal entries (issue 16) whose created ids or previous rows mention the erased person: their id
// (JSON-quoted) or one of their identifying values (name, addresses).
MATCH (j:ImportChange)
WHERE j.created CONTAINS $quoted OR j.changed CONTAINS $quoted
   OR any(v IN $values WHERE j.created CONTAINS v OR j.changed CONTAINS v)
RETURN j.run AS run, j.seq AS seq, j.key AS key, j.created AS created, j.changed AS changed
