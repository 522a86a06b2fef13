// One page of Competitor ids in id order, and how many there are in all.
RETURN COUNT { MATCH (:Competitor) } AS total,
       COLLECT { MATCH (n:Competitor) RETURN n.id AS id ORDER BY id SKIP $offset LIMIT $limit } AS ids
