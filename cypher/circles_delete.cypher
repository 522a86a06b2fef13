// Delete one Circle and its relationships; no other node goes with it.
MATCH (n:Circle {id: $id})
DETACH DELETE n
RETURN 1 AS deleted
