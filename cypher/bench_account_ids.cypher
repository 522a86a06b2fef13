// Benchmark: the first $limit account ids, sorted.
MATCH (a:Account)
RETURN a.id AS id
ORDER BY id
LIMIT $limit
