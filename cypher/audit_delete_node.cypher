// Undo of a creation: the node goes, with its relationships.
MATCH (n:$($label) {id: $id})
DETACH DELETE n
