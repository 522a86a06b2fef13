// Issue 13: employee ids in order, one page at a time (a full recompute walks them in batches).
MATCH (e:Employee)
WHERE e.id > $after
RETURN e.id AS id
ORDER BY id
LIMIT $limit
