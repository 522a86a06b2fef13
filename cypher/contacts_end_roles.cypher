// After roles are written (issue 17): the roles of a contact who moved end in the open deals of the account
// they left, and those of a contact who left (left_at) in the open deals of their account. Won and lost
// deals keep their decision chain. The history capture records each ended role as `present: false`.
// Returns the deals whose roles ended (the batch declares them: app.services.import_changes).
UNWIND $rows AS row
MATCH (c:Contact {id: row.id})
WHERE c.moved_from IS NOT NULL OR c.left_at IS NOT NULL
MATCH (c)-[r:ROLE_IN]->(o:Opportunity)-[:FOR]->(acc:Account)
WHERE NOT coalesce(o.stage, '') IN ['won', 'lost']
  AND (acc.id = c.moved_from OR (c.left_at IS NOT NULL AND (c)-[:WORKS_AT]->(acc)))
DELETE r
RETURN DISTINCT o.id AS opportunity
