// One page of Circle ids in id order, and how many there are in all.
RETURN COUNT { MATCH (:Circle) } AS total,
       COLLECT { MATCH (n:Circle) RETURN n.id AS id ORDER BY id SKIP $offset LIMIT $limit } AS ids
