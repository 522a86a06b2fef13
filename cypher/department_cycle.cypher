// Would making $parent the parent of department $id close a loop (the parent is $id or below it)?
RETURN EXISTS { MATCH (:Department {id: $parent})-[:PART_OF*0..50]->(:Department {id: $id}) } AS cycle
