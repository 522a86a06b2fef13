// Take the one import lock for run $run (no row back: another import holds it). Closes the gate for readers.
MERGE (l:ImportLock {name: 'import'})
WITH l WHERE l.run IS NULL
SET l.run = $run, l.state = 'writing', l.actor = $actor, l.started = datetime(), l.heartbeat = datetime()
RETURN l.run AS run
