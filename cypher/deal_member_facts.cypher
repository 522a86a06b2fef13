// For deals read as of a date (issue 17; $deals: [{opportunity, contacts, until}], one deal or a weekly
// review's): per deal and member contact id, what is not in the snapshots: name and
// title, the reporting lines present then (LineState), circles and influence (current), and the deal
// activity counts in the windows of decision_chain.cypher. Contacts that no longer exist are left out.
UNWIND $deals AS d
MATCH (o:Opportunity {id: d.opportunity})
UNWIND d.contacts AS cid
MATCH (c:Contact {id: cid})
CALL (c, d) {
  OPTIONAL MATCH (s:LineState {contact: c.id}) WHERE s.manager IS NOT NULL AND s.at < d.until
  WITH s.manager AS mid, s ORDER BY s.at DESC, s.version DESC
  WITH mid, head(collect(s)) AS latest
  WHERE latest IS NOT NULL AND latest.present
  OPTIONAL MATCH (boss:Contact {id: mid})
  RETURN collect({id: mid, name: boss.name, dotted: coalesce(latest.dotted, false)}) AS reports_to
}
// lines never recorded (data from before issue 17): the current ones are all we know (the check names every
// property of the line_state_pair index, so it is a seek: a bare {contact} match scanned every LineState)
RETURN o.id AS opportunity, c.id AS id, c.name AS name, c.title AS title,
       CASE WHEN EXISTS { MATCH (s:LineState) WHERE s.contact = c.id AND s.manager IS NOT NULL AND s.at IS NOT NULL }
            THEN reports_to
            ELSE [(c)-[m:REPORTS_TO]->(boss:Contact) | {id: boss.id, name: boss.name, dotted: coalesce(m.dotted, false)}]
       END AS reports_to,
       [(c)-[m:MEMBER_OF]->(ci:Circle) | {id: ci.id, name: ci.name, role: m.role}] AS circles,
       [(x:Contact)-[i:INFLUENCES]->(c) | {id: x.id, name: x.name, strength: i.strength}] AS influenced_by,
       [(c)-[i:INFLUENCES]->(x:Contact) | {id: x.id, name: x.name, strength: i.strength}] AS influences,
       COUNT { (c)<-[:WITH]-(a) WHERE a.date > $start AND a.date <= $as_of } AS activities,
       COUNT { (c)<-[:WITH]-(a) WHERE a.date > $start AND a.date <= $as_of AND (a)-[:ABOUT]->(o) } AS deal_activities,
       EXISTS { (c)<-[:WITH]-(a) WHERE a.date > $contact_start AND a.date <= $as_of AND (a)-[:ABOUT]->(o) } AS contacted,
       EXISTS { (c)<-[:WITH]-(a) WHERE a.date > $stale_start AND a.date <= $as_of AND (a)-[:ABOUT]->(o) } AS recent
