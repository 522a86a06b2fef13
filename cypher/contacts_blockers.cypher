// Activities whose only contact is this one (deleting it would leave them with nobody).
MATCH (c:Contact {id: $id})
RETURN {activities: COUNT { MATCH (c)<-[:WITH]-(act:Activity) WHERE COUNT { (act)-[:WITH]->() } = 1 }} AS blockers
