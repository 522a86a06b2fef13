// Issue 16: in an import's switch transaction (after its version bump), the digests of the batches it leaves
// stored exactly as given, with this transaction's version and token: valid until the next write, or (for the
// batches naming no id declared since) across writes that all declared what they touched.
MATCH (v:GraphVersion {id: 'graph'})
MERGE (d:ImportDigest {name: 'import'})
SET d.token = v.token, d.version = v.version, d.batch_size = $batch_size, d.batches = $batches
