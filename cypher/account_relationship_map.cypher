// An account's relationship map (domain.md sections 4 and 8): the three degrees over its contacts' overall
// values, profile completeness (orientation, attitude, importance and the three degrees all set), the key
// contacts (approver / decision_maker in an open deal: stage not won/lost), circles with their members'
// attitudes, and the open opportunities.
MATCH (acc:Account {id: $account})
CALL (acc) {
  OPTIONAL MATCH (c:Contact)-[:WORKS_AT]->(acc)
  WITH count(c) AS contacts,
       count(c.closeness) AS n_closeness, avg(c.closeness) AS closeness,
       count(c.solution_acceptance) AS n_solution, avg(c.solution_acceptance) AS solution,
       count(c.price_acceptance) AS n_price, avg(c.price_acceptance) AS price,
       count(CASE WHEN c.orientation IS NOT NULL AND c.attitude IS NOT NULL AND c.importance IS NOT NULL
                       AND c.closeness IS NOT NULL AND c.solution_acceptance IS NOT NULL
                       AND c.price_acceptance IS NOT NULL THEN 1 END) AS complete
  RETURN contacts, complete,
         {closeness: {mean: closeness, n: n_closeness, missing: contacts - n_closeness},
          solution_acceptance: {mean: solution, n: n_solution, missing: contacts - n_solution},
          price_acceptance: {mean: price, n: n_price, missing: contacts - n_price}} AS degrees
}
RETURN acc {.id, .name} AS account, contacts, complete, degrees,
       COLLECT {
         MATCH (c:Contact)-[r:ROLE_IN]->(o:Opportunity)-[:FOR]->(acc)
         WHERE r.role IN ['approver', 'decision_maker'] AND NOT coalesce(o.stage, '') IN ['won', 'lost']
         WITH c, collect(DISTINCT r.role) AS roles
         RETURN {id: c.id, name: c.name, roles: roles} AS row ORDER BY row.id
       } AS key_contacts,
       COLLECT {
         MATCH (ci:Circle)-[:IN]->(acc)
         RETURN {id: ci.id, name: ci.name,
                 members: COLLECT { MATCH (m:Contact)-[s:MEMBER_OF]->(ci)
                                    RETURN {id: m.id, name: m.name, role: s.role, attitude: m.attitude} AS mm
                                    ORDER BY CASE mm.role WHEN 'leader' THEN 0 WHEN 'core' THEN 1 ELSE 2 END, mm.id }} AS row
         ORDER BY row.id
       } AS circles,
       COLLECT {
         MATCH (o:Opportunity)-[:FOR]->(acc)
         WHERE NOT coalesce(o.stage, '') IN ['won', 'lost']
         RETURN o {.id, .name, .amount, .stage, .grade, .compelling_event, .need_satisfaction, close_date: toString(o.close_date),
                   account: acc.id, owner: [(e:Employee)-[:OWNS]->(o) | e.id][0]} AS row
         ORDER BY row.id
       } AS open_opportunities
