// Transactions on this database that began before $before (the import waits for them before writing).
SHOW TRANSACTIONS YIELD database, startTime
WHERE database = $database AND datetime(startTime) < $before
RETURN count(*) AS n
