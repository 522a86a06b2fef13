// One page of Opportunity ids in id order, and how many there are in all.
RETURN COUNT { MATCH (:Opportunity) } AS total,
       COLLECT { MATCH (n:Opportunity) RETURN n.id AS id ORDER BY id SKIP $offset LIMIT $limit } AS ids
