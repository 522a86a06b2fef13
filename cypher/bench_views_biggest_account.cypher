// Issue 15 benchmark: the account with the most contacts.
MATCH (a:Account)<-[:WORKS_AT]-(c:Contact)
WITH a, count(c) AS n
RETURN a.id AS id, n ORDER BY n DESC, id LIMIT 1
