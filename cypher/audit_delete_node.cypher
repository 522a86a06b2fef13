// Undo of a creation: the node goes, with its relationships (found by index, see audit_snapshot_node).
MATCH (n:Contact|Account|Department|Employee|Circle|Opportunity|Competitor|Activity|ApiKey|CoachingNote {id: $id}) WHERE $label IN labels(n)
DETACH DELETE n
