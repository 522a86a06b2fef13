// Competitors as bundle rows, with their COMPETES_IN entries (sorted by opportunity id).
UNWIND $ids AS id
MATCH (k:Competitor {id: id})
RETURN k {.id, .name,
          opportunities: COLLECT { MATCH (k)-[r:COMPETES_IN]->(o:Opportunity)
                                   RETURN {opportunity: o.id, need_satisfaction: r.need_satisfaction,
                                           closeness: r.closeness} AS entry ORDER BY o.id }} AS row
