// One page of Employee ids in id order, and how many there are in all.
RETURN COUNT { MATCH (:Employee) } AS total,
       COLLECT { MATCH (n:Employee) RETURN n.id AS id ORDER BY id SKIP $offset LIMIT $limit } AS ids
