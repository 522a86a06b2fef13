// One page of Department ids in id order, and how many there are in all.
RETURN COUNT { MATCH (:Department) } AS total,
       COLLECT { MATCH (n:Department) RETURN n.id AS id ORDER BY id SKIP $offset LIMIT $limit } AS ids
