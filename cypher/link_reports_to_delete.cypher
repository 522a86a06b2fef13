// Delete one (:Contact)-[:REPORTS_TO]->(:Contact); nodes stay.
MATCH (:Contact {id: $from})-[r:REPORTS_TO]->(:Contact {id: $to})
DELETE r
RETURN count(*) AS deleted
