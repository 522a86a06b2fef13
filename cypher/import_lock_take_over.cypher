// Recovery: take over a run that is dead (silent for $stale_s seconds) or already being rolled back.
MATCH (l:ImportLock {name: 'import'})
WHERE l.run IS NOT NULL AND (l.state = 'rolling_back' OR duration.inSeconds(l.heartbeat, datetime()).seconds >= $stale_s)
SET l.state = 'rolling_back', l.heartbeat = datetime()
RETURN l.run AS run
