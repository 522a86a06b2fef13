// The switch: the run's outcome is final; the gate opens (readers see all of the import, or none of it).
MATCH (l:ImportLock {name: 'import', run: $run})
SET l.run = null, l.state = null, l.last_run = $run, l.last_outcome = $outcome, l.heartbeat = datetime()
RETURN l.last_run AS run
