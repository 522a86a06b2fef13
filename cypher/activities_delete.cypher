// Delete one Activity and its relationships; no other node goes with it.
MATCH (n:Activity {id: $id})
DETACH DELETE n
RETURN 1 AS deleted
