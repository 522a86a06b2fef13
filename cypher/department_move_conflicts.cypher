// Contacts in department $id or below it who work at another account than $account (a move would split them).
MATCH (d:Department {id: $id})
MATCH (c:Contact)-[:WORKS_IN]->(x:Department)-[:PART_OF*0..50]->(d)
WHERE NOT EXISTS { (c)-[:WORKS_AT]->(:Account {id: $account}) }
RETURN collect(DISTINCT c.id)[0..20] AS contacts
