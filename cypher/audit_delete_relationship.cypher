// Undo of a relationship's creation (ends found by index, see audit_snapshot_node).
MATCH (a:Contact|Account|Department|Employee|Circle|Opportunity|Competitor|Activity|ApiKey|CoachingNote {id: $from_id})-[r:$($type)]->(b:Contact|Account|Department|Employee|Circle|Opportunity|Competitor|Activity|ApiKey|CoachingNote {id: $to_id})
WHERE $from_label IN labels(a) AND $to_label IN labels(b)
DELETE r
