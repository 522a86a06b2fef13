// Delete one (:Contact)-[:ROLE_IN]->(:Opportunity); nodes stay.
MATCH (:Contact {id: $from})-[r:ROLE_IN]->(:Opportunity {id: $to})
DELETE r
RETURN count(*) AS deleted
