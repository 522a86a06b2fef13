// First statement of every import batch: the run still owns the lock (else it was rolled back), and is alive.
MATCH (l:ImportLock {name: 'import', run: $run, state: 'writing'})
SET l.heartbeat = datetime()
RETURN l.run AS run
