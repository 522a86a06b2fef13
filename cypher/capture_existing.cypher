// Issue 13: which of the given activity ids are already stored (a re-capture creates nothing).
UNWIND $ids AS id
MATCH (act:Activity {id: id})
RETURN collect(id) AS ids
