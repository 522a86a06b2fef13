// An account's relationship map as of a past day (issue 17), in ONE read from the history: the people who
// worked there just before $until (their latest ContactState is present, at this account, and they had not
// left by $day) with that state's attitude, degrees, name and department; their roles then (latest RoleState
// present, in a deal of this account that was open then: latest DealState); every LineState from them (the
// validity is worked out in app.services.org_chart, as for the org chart). Circles, influence, our ties and
// titles have no history: the current ones among these people. Activities count up to $day, as live.
MATCH (acc:Account {id: $account})
CALL (acc) {
  OPTIONAL MATCH (s:ContactState {account: acc.id}) WHERE s.at < $until
  WITH DISTINCT s.contact AS cid WHERE cid IS NOT NULL
  CALL (cid) {
    MATCH (x:ContactState {contact: cid}) WHERE x.at < $until
    RETURN x ORDER BY x.at DESC, x.version DESC LIMIT 1
  }
  WITH x WHERE x.present AND x.account = acc.id AND (x.left_at IS NULL OR x.left_at > $day)
  RETURN collect(x) AS states
}
CALL (acc) {
  OPTIONAL MATCH (d:DealState {account: acc.id}) WHERE d.at < $until
  WITH DISTINCT d.opportunity AS oid WHERE oid IS NOT NULL
  CALL (oid) {
    MATCH (y:DealState {opportunity: oid}) WHERE y.at < $until
    RETURN y ORDER BY y.at DESC, y.version DESC LIMIT 1
  }
  WITH y WHERE y.present AND y.account = acc.id AND NOT coalesce(y.stage, '') IN ['won', 'lost']
  OPTIONAL MATCH (o:Opportunity {id: y.opportunity})
  RETURN collect({id: y.opportunity, name: coalesce(o.name, y.opportunity), stage: y.stage, amount: y.amount})
         AS opportunities
}
WITH acc, states, opportunities, [x IN states | x.contact] AS ids
CALL (states, opportunities, ids) {
  UNWIND states AS x
  OPTIONAL MATCH (c:Contact {id: x.contact})
  RETURN collect({
    id: x.contact, name: coalesce(x.name, c.name), title: c.title, orientation: x.orientation,
    attitude: x.attitude, importance: x.importance, closeness: x.closeness,
    solution_acceptance: x.solution_acceptance, price_acceptance: x.price_acceptance,
    department: head(COLLECT { MATCH (dep:Department {id: x.department}) RETURN {id: dep.id, name: dep.name} }),
    circles: [(c)-[m:MEMBER_OF]->(ci:Circle)-[:IN]->(:Account {id: $account}) | {id: ci.id, name: ci.name, role: m.role}],
    roles: COLLECT {
      UNWIND opportunities AS o
      CALL (x, o) {
        MATCH (r:RoleState {contact: x.contact, opportunity: o.id}) WHERE r.at < $until
        RETURN r ORDER BY r.at DESC, r.version DESC LIMIT 1
      }
      WITH o, r WHERE r.present
      RETURN {opportunity: o.id, opportunity_name: o.name, role: r.role, attitude: r.attitude,
              one_vote_approve: coalesce(r.one_vote_approve, false),
              one_vote_veto: coalesce(r.one_vote_veto, false), inside_source: coalesce(r.inside_source, false)}
    },
    activities: COUNT { (c)<-[:WITH]-(a:Activity) WHERE a.date > $since AND a.date <= $day }
  }) AS contacts
}
CALL (ids) {
  UNWIND ids AS cid
  MATCH (l:LineState {contact: cid}) WHERE l.manager IN ids AND l.at IS NOT NULL
  RETURN collect(l {.contact, .manager, .present, .dotted, .at, .version}) AS lines
}
CALL (ids) {
  UNWIND ids AS cid
  MATCH (:Contact {id: cid})-[r:INFLUENCES]->(t:Contact) WHERE t.id IN ids
  RETURN collect({from: cid, to: t.id, strength: r.strength}) AS influences
}
CALL (ids) {
  UNWIND CASE WHEN $employees THEN ids ELSE [] END AS cid
  MATCH (e:Employee)-[k:KNOWS]->(:Contact {id: cid})
  WITH e, collect({from: e.id, to: cid, strength: k.strength, source: k.source}) AS ties
  RETURN collect({id: e.id, name: e.name, title: e.title, team: e.team}) AS employees,
         reduce(all = [], t IN collect(ties) | all + t) AS knows
}
RETURN acc {.id, .name, .industry, .region} AS account,
       contacts, lines, influences, employees, knows, opportunities,
       [(acc)<-[:IN]-(ci:Circle) | {id: ci.id, name: ci.name}] AS circles,
       [(d:Department)-[:PART_OF*1..20]->(acc) |
        {id: d.id, name: d.name, parent: head([(d)-[:PART_OF]->(p:Department) | p.id])}] AS departments
