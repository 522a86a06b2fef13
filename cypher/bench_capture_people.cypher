// Benchmark (issue 13 capture at S, on a reused S database): every employee id, and every contact id with its account.
CALL () { MATCH (e:Employee) RETURN collect(e.id) AS employees }
CALL () { MATCH (c:Contact)-[:WORKS_AT]->(a:Account) RETURN collect([c.id, a.id]) AS contacts }
RETURN employees, contacts
