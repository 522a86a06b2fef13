// Every contact with its account: the population of departure-risk and coverage.
MATCH (c:Contact)
OPTIONAL MATCH (c)-[:WORKS_AT]->(a:Account)
RETURN c.id AS id, c.name AS name, a.id AS account, a.name AS account_name
ORDER BY id
