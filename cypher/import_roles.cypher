// Decision relationship: one ROLE_IN per (contact, opportunity) with the deal-specific values.
UNWIND $rows AS row
MATCH (c:Contact {id: row.contact}), (o:Opportunity {id: row.opportunity})
// issue 17: a stale row (an export made before a move or a departure) never brings back a role that
// contacts_end_roles ended: an open deal of the account the contact left
OPTIONAL MATCH (o)-[:FOR]->(acc:Account)
WITH c, o, row, acc
WHERE coalesce(o.stage, '') IN ['won', 'lost'] OR acc IS NULL
   OR NOT (coalesce(acc.id = c.moved_from, false) OR (c.left_at IS NOT NULL AND (c)-[:WORKS_AT]->(acc)))
MERGE (c)-[r:ROLE_IN]->(o)
SET r.role = row.role, r.attitude = row.attitude, r.closeness = row.closeness,
    r.solution_acceptance = row.solution_acceptance, r.price_acceptance = row.price_acceptance,
    r.one_vote_approve = row.one_vote_approve, r.one_vote_veto = row.one_vote_veto,
    r.inside_source = row.inside_source,
    r.is_primary = row.is_primary
