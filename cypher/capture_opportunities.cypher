// Issue 13: which opportunity ids named by captured events and messages exist.
UNWIND $ids AS id
MATCH (o:Opportunity {id: id})
RETURN collect(id) AS ids
