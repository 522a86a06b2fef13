// Is an import being written or rolled back? Every read and write of the service asks first (app/db/graph.py).
MATCH (l:ImportLock {name: 'import'}) WHERE l.run IS NOT NULL
RETURN l.run AS run, l.state AS state, duration.inSeconds(l.heartbeat, datetime()).seconds AS idle_s
