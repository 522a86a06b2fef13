// One page of Contact ids in id order, and how many there are in all.
RETURN COUNT { MATCH (:Contact) } AS total,
       COLLECT { MATCH (n:Contact) RETURN n.id AS id ORDER BY id SKIP $offset LIMIT $limit } AS ids
