// Decision relationship: one ROLE_IN per (contact, opportunity) with the deal-specific values.
UNWIND $rows AS row
MATCH (c:Contact {id: row.contact}), (o:Opportunity {id: row.opportunity})
MERGE (c)-[r:ROLE_IN]->(o)
SET r.role = row.role, r.attitude = row.attitude, r.closeness = row.closeness,
    r.solution_acceptance = row.solution_acceptance, r.price_acceptance = row.price_acceptance,
    r.one_vote_approve = row.one_vote_approve, r.one_vote_veto = row.one_vote_veto,
    r.inside_source = row.inside_source,
    r.is_primary = row.is_primary
