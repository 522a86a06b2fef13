// One page of Account ids in id order, and how many there are in all.
RETURN COUNT { MATCH (:Account) } AS total,
       COLLECT { MATCH (n:Account) RETURN n.id AS id ORDER BY id SKIP $offset LIMIT $limit } AS ids
