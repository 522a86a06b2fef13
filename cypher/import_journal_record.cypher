// One committed batch of run $run: what it created (identities) and changed (previous rows, JSON).
// Rollback replays it backwards; after the switch it is the import's pageable list of changes.
CREATE (:ImportChange {run: $run, seq: $seq, key: $key, created: $created, changed: $changed, at: datetime()})
