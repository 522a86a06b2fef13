// Issue 15: the current version and every change record after version $since, oldest first
// (app.services.graph_changes checks that they form an unbroken chain from the token the reader holds).
OPTIONAL MATCH (v:GraphVersion {id: 'graph'})
CALL (v) {
  OPTIONAL MATCH (c:GraphChange) WHERE v IS NOT NULL AND c.version > $since_version AND c.version <= v.version
  WITH c ORDER BY c.version
  RETURN collect(c {.version, .token, .previous, .contacts, .employees, .accounts, .opportunities, .renamed,
                                   .others, .unknown})
         AS changes
}
RETURN v.token AS token, v.version AS version, changes
