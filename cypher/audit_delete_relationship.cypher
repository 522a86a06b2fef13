// Undo of a relationship's creation.
MATCH (a:$($from_label) {id: $from_id})-[r:$($type)]->(b:$($to_label) {id: $to_id})
DELETE r
