// Issue 18 × 15: the company-wide views' change records (GraphChange, ids only) name the erased person; the
// tombstone token takes their place, so the record still says "someone there changed" (the views refresh
// that spot; the token matches no node, as for a deleted one) without keeping the id.
MATCH (g:GraphChange)
WHERE $id IN g.contacts OR $id IN g.employees OR $id IN coalesce(g.renamed, [])
SET g.contacts = [x IN g.contacts | CASE WHEN x = $id THEN $token ELSE x END],
    g.employees = [x IN g.employees | CASE WHEN x = $id THEN $token ELSE x END],
    g.renamed = [x IN coalesce(g.renamed, []) | CASE WHEN x = $id THEN $token ELSE x END]
RETURN count(g) AS records
