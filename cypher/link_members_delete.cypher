// Delete one (:Contact)-[:MEMBER_OF]->(:Circle); nodes stay.
MATCH (:Contact {id: $from})-[r:MEMBER_OF]->(:Circle {id: $to})
DELETE r
RETURN count(*) AS deleted
