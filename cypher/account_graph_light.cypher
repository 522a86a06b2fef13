// The account map of a big account, first read (issue 15 part 4): every contact LIGHT, only what decides who is
// drawn and who is folded (app.viz.collapse.plan: department, importance, roles in open deals, circle roles) and
// the name (department nodes list their people for the search), plus the account's reporting lines, departments,
// circles and open deals. The full profile of the people drawn comes after (account_graph_people.cypher).
// Same filters as account_graph.cypher ($as_of, $department with $subunits, $circle); when $employees, our
// employees who KNOW any of the contacts (the page draws them all in its top row).
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
    id: c.id, name: c.name, importance: c.importance,
    department: head([(c)-[:WORKS_IN]->(d:Department) | {id: d.id, name: d.name}]),
    circles: [(c)-[m:MEMBER_OF]->(ci:Circle) | {id: ci.id, role: m.role}],
    roles: [(c)-[r:ROLE_IN]->(o:Opportunity) WHERE NOT coalesce(o.stage, '') IN ['won', 'lost'] |
            {opportunity: o.id, role: r.role}]
  }) AS contacts
}
CALL (shown) {
  UNWIND shown AS c
  MATCH (c)-[r:REPORTS_TO]->(m:Contact) WHERE m IN shown
  RETURN collect({from: c.id, to: m.id, dotted: coalesce(r.dotted, false)}) AS reports_to
}
CALL (shown) {
  UNWIND CASE WHEN $employees THEN shown ELSE [] END AS c
  MATCH (e:Employee)-[:KNOWS]->(c)
  WITH DISTINCT e
  RETURN collect({id: e.id, name: e.name, title: e.title, team: e.team}) AS employees
}
RETURN acc {.id, .name, .industry, .region} AS account,
       contacts, reports_to, employees,
       [(acc)<-[:IN]-(ci:Circle) | {id: ci.id, name: ci.name}] AS circles,
       [(d:Department)-[:PART_OF*1..20]->(acc) |
        {id: d.id, name: d.name, parent: head([(d)-[:PART_OF]->(p:Department) | p.id])}] AS departments,
       [(o:Opportunity)-[:FOR]->(acc) WHERE NOT coalesce(o.stage, '') IN ['won', 'lost'] |
        {id: o.id, name: o.name, stage: o.stage, amount: o.amount}] AS opportunities
