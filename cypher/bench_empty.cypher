// Empty the benchmark database between phases, in bounded transactions.
MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
