// Issue 15 (tests of the limit errors): a read that runs for as long as $n asks and holds no memory.
UNWIND range(1, $n) AS i
WITH i WHERE i % 7 = 0
RETURN count(i) AS n
