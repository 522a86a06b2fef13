// Relationship map of one account in ONE read: its contacts (with department, circles, roles in open
// deals and recent activity count), reporting lines and influence among them, the account's
// departments/circles/open deals (for filters and pickers) and, when $employees, our employees who
// KNOW a shown contact; people who had left by $as_of (left_at, issue 17) are not drawn. $department keeps
// the people of that department, and with $subunits those of every department below it too; $circle keeps its members. Activities count when dated after
// $since and on or before $as_of (interaction level).
MATCH (acc:Account {id: $account})
CALL (acc) {
  OPTIONAL MATCH (c:Contact)-[:WORKS_AT]->(acc)
  WHERE (c.left_at IS NULL OR c.left_at > $as_of)  // issue 17: who had left by then is not on the map
    AND ($department IS NULL
         OR EXISTS { (c)-[:WORKS_IN]->(d:Department)-[:PART_OF*0..20]->(:Department {id: $department})
                     WHERE $subunits OR d.id = $department })
    AND ($circle IS NULL OR EXISTS { (c)-[:MEMBER_OF]->(:Circle {id: $circle}) })
  RETURN collect(c) AS shown
}
CALL (shown) {
  UNWIND shown AS c
  RETURN collect({
    id: c.id, name: c.name, title: c.title, orientation: c.orientation, attitude: c.attitude,
    importance: c.importance, closeness: c.closeness,
    solution_acceptance: c.solution_acceptance, price_acceptance: c.price_acceptance,
    department: head([(c)-[:WORKS_IN]->(d:Department) | {id: d.id, name: d.name}]),
    circles: [(c)-[m:MEMBER_OF]->(ci:Circle) | {id: ci.id, name: ci.name, role: m.role}],
    roles: [(c)-[r:ROLE_IN]->(o:Opportunity) WHERE NOT coalesce(o.stage, '') IN ['won', 'lost'] |
            {opportunity: o.id, opportunity_name: o.name, role: r.role, attitude: r.attitude,
             one_vote_approve: coalesce(r.one_vote_approve, false),
             one_vote_veto: coalesce(r.one_vote_veto, false),
             inside_source: coalesce(r.inside_source, false)}],
    activities: COUNT { (c)<-[:WITH]-(a:Activity) WHERE a.date > $since AND a.date <= $as_of }
  }) AS contacts
}
CALL (shown) {
  UNWIND shown AS c
  MATCH (c)-[r:REPORTS_TO]->(m:Contact) WHERE m IN shown
  RETURN collect({from: c.id, to: m.id, dotted: coalesce(r.dotted, false)}) AS reports_to
}
CALL (shown) {
  UNWIND shown AS c
  MATCH (c)-[r:INFLUENCES]->(t:Contact) WHERE t IN shown
  RETURN collect({from: c.id, to: t.id, strength: r.strength}) AS influences
}
CALL (shown) {
  UNWIND CASE WHEN $employees THEN shown ELSE [] END AS c
  MATCH (e:Employee)-[k:KNOWS]->(c)
  WITH e, collect({from: e.id, to: c.id, strength: k.strength, source: k.source}) AS ties
  RETURN collect({id: e.id, name: e.name, title: e.title, team: e.team}) AS employees,
         reduce(all = [], t IN collect(ties) | all + t) AS knows
}
RETURN acc {.id, .name, .industry, .region} AS account,
       contacts, reports_to, influences, employees, knows,
       [(acc)<-[:IN]-(ci:Circle) | {id: ci.id, name: ci.name}] AS circles,
       [(d:Department)-[:PART_OF*1..20]->(acc) |
        {id: d.id, name: d.name, parent: head([(d)-[:PART_OF]->(p:Department) | p.id])}] AS departments,
       [(o:Opportunity)-[:FOR]->(acc) WHERE NOT coalesce(o.stage, '') IN ['won', 'lost'] |
        {id: o.id, name: o.name, stage: o.stage, amount: o.amount}] AS opportunities
