// Undo for a relationship: put back its previous properties (it is created again if it was deleted).
MATCH (a:$($from_label) {id: $from_id}), (b:$($to_label) {id: $to_id})
MERGE (a)-[r:$($type)]->(b)
SET r = $props
