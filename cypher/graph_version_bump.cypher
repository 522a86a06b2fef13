// Issue 15: every write transaction starts with this (app.db.graph.Graph.write / write_transaction), in the
// same transaction, so caches keyed by the token never serve an answer older than the data. A fresh random
// token per write, not a counter: a wiped or restored graph can never meet an old cached key again.
// `previous` (the token this write replaced) lets app.services.graph_changes check that a chain of change
// records follows on from the version a reader holds, without a gap.
MERGE (v:GraphVersion {id: 'graph'})
SET v.previous = v.token, v.token = randomUUID(), v.version = coalesce(v.version, 0) + 1
