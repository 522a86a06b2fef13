// Delete one (:Contact)-[:INFLUENCES]->(:Contact); nodes stay.
MATCH (:Contact {id: $from})-[r:INFLUENCES]->(:Contact {id: $to})
DELETE r
RETURN count(*) AS deleted
