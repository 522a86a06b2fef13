// What the win rate (domain.md section 6) needs besides the chain averages: the deal's compelling event and
// need satisfaction, whether any member is an inside source, and each competitor's COMPETES_IN values.
// One row per id of $opportunities (one deal, or every deal of a weekly review).
UNWIND $opportunities AS opportunity_id
MATCH (o:Opportunity {id: opportunity_id})
RETURN o {.id, .name, .compelling_event, .need_satisfaction} AS opportunity,
       EXISTS { (:Contact)-[r:ROLE_IN]->(o) WHERE r.inside_source = true } AS inside_source,
       COLLECT {
         MATCH (k:Competitor)-[x:COMPETES_IN]->(o)
         RETURN {id: k.id, name: k.name, need_satisfaction: x.need_satisfaction, closeness: x.closeness} AS row
         ORDER BY k.id
       } AS competitors
