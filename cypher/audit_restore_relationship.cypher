// Undo for a relationship: put back its previous properties (it is created again if it was deleted).
// Ends found by index, see audit_snapshot_node.
MATCH (a:Contact|Account|Department|Employee|Circle|Opportunity|Competitor|Activity|ApiKey|CoachingNote {id: $from_id}), (b:Contact|Account|Department|Employee|Circle|Opportunity|Competitor|Activity|ApiKey|CoachingNote {id: $to_id})
WHERE $from_label IN labels(a) AND $to_label IN labels(b)
MERGE (a)-[r:$($type)]->(b)
SET r = $props
