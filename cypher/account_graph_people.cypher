// The account map of a big account, second read (issue 15 part 4): the full profile of the people drawn ($ids:
// key people and the opened departments' people, a few hundred at most), the influence lines that touch them
// (their tooltips name both directions; the service keeps those whose other end is on the map), and, when
// $employees, our employees' KNOWS lines to them. Same fields as the contacts of account_graph.cypher.
UNWIND $ids AS id
MATCH (c:Contact {id: id})
WITH collect(c) AS drawn
CALL (drawn) {
  UNWIND drawn AS c
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
CALL (drawn) {
  UNWIND drawn AS c
  MATCH (c)-[r:INFLUENCES]-(o:Contact)
  WITH DISTINCT r, startNode(r) AS s, endNode(r) AS e
  RETURN collect({from: s.id, to: e.id, strength: r.strength}) AS influences
}
CALL (drawn) {
  UNWIND CASE WHEN $employees THEN drawn ELSE [] END AS c
  MATCH (e:Employee)-[k:KNOWS]->(c)
  RETURN collect({from: e.id, to: c.id, strength: k.strength, source: k.source}) AS knows
}
RETURN contacts, influences, knows
