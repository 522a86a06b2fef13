// The properties of one relationship between two nodes, if it exists (ends found by index, see audit_snapshot_node).
MATCH (a:Contact|Account|Department|Employee|Circle|Opportunity|Competitor|Activity|ApiKey|CoachingNote {id: $from_id})-[r:$($type)]->(b:Contact|Account|Department|Employee|Circle|Opportunity|Competitor|Activity|ApiKey|CoachingNote {id: $to_id})
WHERE $from_label IN labels(a) AND $to_label IN labels(b)
RETURN properties(r) AS props
