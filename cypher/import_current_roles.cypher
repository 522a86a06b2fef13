// Stored decision roles for the given (opportunity, contact) pairs, as bundle rows (the import's no-op check).
UNWIND $pairs AS pair
MATCH (o:Opportunity {id: pair.a}), (c:Contact {id: pair.b})
MATCH (c)-[r:ROLE_IN]->(o)
RETURN {opportunity: o.id, contact: c.id, role: r.role, attitude: r.attitude, closeness: r.closeness,
        solution_acceptance: r.solution_acceptance, price_acceptance: r.price_acceptance,
        one_vote_approve: r.one_vote_approve, one_vote_veto: r.one_vote_veto,
        inside_source: r.inside_source,
        is_primary: r.is_primary} AS row
