// What the gap rules (domain.md section 7) read, for every deal of a weekly review and both its days at once
// (issue 17): $requests is [{key, opportunity, live, contacts, as_of, since, contact_start, stale_start}], one
// per deal and day. Only what the rules and the section 6 comparison use (no circles, influence, lines or
// activity counts: decision_chain.cypher has those for the deal view).
// - live (the day is today): the deal's compelling event and need satisfaction, its members (ROLE_IN value,
//   else the contact's) and its competitors' ratings, as decision_chain / win_rate_inputs read them;
// - a past day (live = false): the caller has the members and ratings from the snapshots; `contacts` are
//   their ids, whose current names are read here.
// For both, from the deal's own activities (expanded from the deal: no date-index scan): the members seen in
// ($since, $as_of] with whether the last one is after contact_start (contacted) and after stale_start
// (recent), and the employees who logged a deal activity with a member dated on or before as_of (threads).
UNWIND $requests AS req
MATCH (o:Opportunity {id: req.opportunity})
CALL (o, req) {
  OPTIONAL MATCH (c:Contact)-[r:ROLE_IN]->(o) WHERE req.live
  WITH c, r ORDER BY c.id
  RETURN collect(CASE WHEN c IS NOT NULL THEN {
    contact: c {.id, .name}, role: r.role,
    closeness: coalesce(r.closeness, c.closeness),
    solution_acceptance: coalesce(r.solution_acceptance, c.solution_acceptance),
    price_acceptance: coalesce(r.price_acceptance, c.price_acceptance),
    one_vote_approve: coalesce(r.one_vote_approve, false), one_vote_veto: coalesce(r.one_vote_veto, false),
    orientation: c.orientation, attitude: coalesce(r.attitude, c.attitude), importance: c.importance,
    inside_source: coalesce(r.inside_source, false)} END) AS members
}
WITH o, req, members, CASE WHEN req.live THEN [m IN members | m.contact.id] ELSE req.contacts END AS ids
RETURN req.key AS key, o.id AS opportunity, o.name AS name, members,
       CASE WHEN req.live THEN o {.compelling_event, .need_satisfaction} END AS deal,
       CASE WHEN req.live THEN COLLECT {
         MATCH (k:Competitor)-[x:COMPETES_IN]->(o)
         RETURN {id: k.id, name: k.name, need_satisfaction: x.need_satisfaction, closeness: x.closeness} AS row
         ORDER BY k.id
       } ELSE [] END AS competitors,
       CASE WHEN req.live THEN [] ELSE COLLECT {
         MATCH (c:Contact) WHERE c.id IN ids RETURN {id: c.id, name: c.name} AS row
       } END AS names,
       COLLECT {
         MATCH (o)<-[:ABOUT]-(a)-[:WITH]->(c:Contact)
         WHERE a.date > req.since AND a.date <= req.as_of AND c.id IN ids
         WITH c.id AS id, max(a.date) AS last
         RETURN {id: id, contacted: last > req.contact_start, recent: last > req.stale_start} AS row
       } AS seen,
       COLLECT {
         MATCH (o)<-[:ABOUT]-(a)<-[:LOGGED]-(e:Employee)
         WHERE a.date <= req.as_of AND EXISTS { (a)-[:WITH]->(c:Contact) WHERE c.id IN ids }
         RETURN DISTINCT e.id AS id ORDER BY id
       } AS threads
