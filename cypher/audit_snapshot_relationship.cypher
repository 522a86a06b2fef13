// The properties of one relationship between two nodes, if it exists.
MATCH (a:$($from_label) {id: $from_id})-[r:$($type)]->(b:$($to_label) {id: $to_id})
RETURN properties(r) AS props
