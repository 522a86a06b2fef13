// Issue 16: the graph version now, and what the last import that wrote recorded (app.services.import_digest):
// the version and token of its switch, its batch size and the digests of the batches it left stored as given.
OPTIONAL MATCH (v:GraphVersion {id: 'graph'})
OPTIONAL MATCH (d:ImportDigest {name: 'import'})
RETURN v.token AS token, v.version AS version, d.token AS recorded_token, d.version AS recorded_version,
       d.batch_size AS batch_size, coalesce(d.batches, []) AS batches
