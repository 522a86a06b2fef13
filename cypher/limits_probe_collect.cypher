// Issue 15 (tests of the limit errors): a read that holds $n numbers in one list (about 8 bytes each and more).
UNWIND range(1, $n) AS i
WITH collect(i) AS xs
RETURN size(xs) AS n
