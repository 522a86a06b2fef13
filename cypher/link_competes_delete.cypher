// Delete one (:Competitor)-[:COMPETES_IN]->(:Opportunity); nodes stay.
MATCH (:Competitor {id: $from})-[r:COMPETES_IN]->(:Opportunity {id: $to})
DELETE r
RETURN count(*) AS deleted
