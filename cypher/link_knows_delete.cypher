// Delete one (:Employee)-[:KNOWS]->(:Contact); nodes stay.
MATCH (:Employee {id: $from})-[r:KNOWS]->(:Contact {id: $to})
DELETE r
RETURN count(*) AS deleted
