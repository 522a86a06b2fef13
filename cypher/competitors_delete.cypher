// Delete one Competitor and its relationships; no other node goes with it.
MATCH (n:Competitor {id: $id})
DETACH DELETE n
RETURN 1 AS deleted
