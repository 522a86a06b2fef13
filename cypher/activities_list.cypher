// One page of Activity ids in id order, and how many there are in all.
RETURN COUNT { MATCH (:Activity) } AS total,
       COLLECT { MATCH (n:Activity) RETURN n.id AS id ORDER BY id SKIP $offset LIMIT $limit } AS ids
