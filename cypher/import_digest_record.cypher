// Issue 16: in an import's switch transaction (after its version bump), the digests of the batches it leaves
// stored exactly as given, with this transaction's version token: valid until the next write of any kind.
MATCH (v:GraphVersion {id: 'graph'})
MERGE (d:ImportDigest {name: 'import'})
SET d.token = v.token, d.batch_size = $batch_size, d.batches = $batches
