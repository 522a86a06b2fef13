// The decision chain of an opportunity (domain.md sections 3, 4, 7): the deal, then one row per member
// (contact with a ROLE_IN edge) with its seven features. Degrees and attitude use the ROLE_IN value if set,
// else the contact's overall one. Activity counts for the interaction levels are over (start, as_of]
// (overall, and ABOUT this deal); `contacted` / `recent` say whether a deal activity with the member is
// dated in (contact_start, as_of] / (stale_start, as_of] (the gap windows of section 7).
// One row per id of $opportunities (one deal, or every deal of a weekly review).
UNWIND $opportunities AS opportunity_id
MATCH (o:Opportunity {id: opportunity_id})
CALL (o) {
  MATCH (c:Contact)-[r:ROLE_IN]->(o)
  WITH c, r, CASE r.role WHEN 'approver' THEN 0 WHEN 'decision_maker' THEN 1 WHEN 'evaluator' THEN 2 ELSE 3 END AS rank
  ORDER BY rank, c.id
  RETURN collect({
    contact: c {.id, .name, .title},
    role: r.role,
    closeness: coalesce(r.closeness, c.closeness),
    solution_acceptance: coalesce(r.solution_acceptance, c.solution_acceptance),
    price_acceptance: coalesce(r.price_acceptance, c.price_acceptance),
    one_vote_approve: coalesce(r.one_vote_approve, false),
    one_vote_veto: coalesce(r.one_vote_veto, false),
    reports_to: [(c)-[m:REPORTS_TO]->(boss:Contact) | {id: boss.id, name: boss.name, dotted: coalesce(m.dotted, false)}],
    circles: [(c)-[m:MEMBER_OF]->(ci:Circle) | {id: ci.id, name: ci.name, role: m.role}],
    influenced_by: [(x:Contact)-[i:INFLUENCES]->(c) | {id: x.id, name: x.name, strength: i.strength}],
    influences: [(c)-[i:INFLUENCES]->(x:Contact) | {id: x.id, name: x.name, strength: i.strength}],
    orientation: c.orientation,
    attitude: coalesce(r.attitude, c.attitude),
    importance: c.importance,
    inside_source: coalesce(r.inside_source, false),
    activities: COUNT { (c)<-[:WITH]-(a) WHERE a.date > $start AND a.date <= $as_of },
    deal_activities: COUNT { (c)<-[:WITH]-(a) WHERE a.date > $start AND a.date <= $as_of AND (a)-[:ABOUT]->(o) },
    contacted: EXISTS { (c)<-[:WITH]-(a) WHERE a.date > $contact_start AND a.date <= $as_of AND (a)-[:ABOUT]->(o) },
    recent: EXISTS { (c)<-[:WITH]-(a) WHERE a.date > $stale_start AND a.date <= $as_of AND (a)-[:ABOUT]->(o) }
  }) AS members
}
RETURN o {.id, .name, .amount, .stage, .grade, .compelling_event, .need_satisfaction, close_date: toString(o.close_date),
          account: [(o)-[:FOR]->(a:Account) | a.id][0], owner: [(e:Employee)-[:OWNS]->(o) | e.id][0]} AS opportunity,
       members
