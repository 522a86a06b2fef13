// A run's journal entries, newest first (rollback) or oldest first (audit pages), one page.
MATCH (j:ImportChange {run: $run})
WITH j ORDER BY CASE WHEN $newest_first THEN -j.seq ELSE j.seq END
SKIP $offset LIMIT $limit
RETURN j.seq AS seq, j.key AS key, j.created AS created, j.changed AS changed
