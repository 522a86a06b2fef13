// Forget one journal entry (rolled back).
MATCH (j:ImportChange {run: $run, seq: $seq})
DELETE j
