// Delete one Opportunity and its relationships; no other node goes with it.
MATCH (n:Opportunity {id: $id})
DETACH DELETE n
RETURN 1 AS deleted
