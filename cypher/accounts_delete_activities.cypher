// Activities all of whose contacts work at account $id: they would be left with nobody, so they go too.
MATCH (a:Account {id: $id})<-[:WORKS_AT]-(:Contact)<-[:WITH]-(act:Activity)
WITH DISTINCT a, act
WHERE ALL(c IN COLLECT { MATCH (act)-[:WITH]->(x:Contact) RETURN x } WHERE EXISTS { (c)-[:WORKS_AT]->(a) })
DETACH DELETE act
RETURN count(*) AS deleted
