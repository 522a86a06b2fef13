// Delete a contact and its relationships; other nodes stay, except (cascade) activities with no one else.
MATCH (c:Contact {id: $id})
WITH c, COLLECT { MATCH (c)<-[:WITH]-(act:Activity) WHERE COUNT { (act)-[:WITH]->() } = 1 RETURN act } AS alone
FOREACH (x IN alone | DETACH DELETE x)
FOREACH (m IN [(c)-[:HAS_EMAIL]->(m:EmailAddress) | m] | DETACH DELETE m)
DETACH DELETE c
RETURN 1 + size(alone) AS deleted
