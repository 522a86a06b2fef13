// Decision roles (ROLE_IN) as bundle rows, sorted by opportunity then contact.
MATCH (c:Contact)-[r:ROLE_IN]->(o:Opportunity)
RETURN {opportunity: o.id, contact: c.id, role: r.role, attitude: r.attitude, closeness: r.closeness,
        solution_acceptance: r.solution_acceptance, price_acceptance: r.price_acceptance,
        one_vote_approve: r.one_vote_approve, one_vote_veto: r.one_vote_veto,
        inside_source: r.inside_source,
        is_primary: r.is_primary} AS row
ORDER BY o.id, c.id
