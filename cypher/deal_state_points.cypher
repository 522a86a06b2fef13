// Deals as they stood just before each `until` of their points, from history snapshots (issue 17): $requests
// is [{opportunity, points: [{label, until}]}] (one deal for the curve, every deal of a weekly review at once);
// per deal and point: its latest DealState, the decision-chain members (pairs whose latest RoleState is present; a member's
// values are the RoleState's, else the contact's latest ContactState's), and the competitors (pairs whose
// latest CompeteState is present). `deal` is null when nothing was recorded before `until`.
UNWIND $requests AS req
WITH req.opportunity AS opportunity, req.points AS points
UNWIND points AS p
CALL (opportunity, p) {
  OPTIONAL MATCH (s:DealState {opportunity: opportunity}) WHERE s.at < p.until
  WITH s ORDER BY s.at DESC, s.version DESC LIMIT 1
  RETURN s AS deal
}
CALL (opportunity, p) {
  OPTIONAL MATCH (s:RoleState {opportunity: opportunity}) WHERE s.contact IS NOT NULL AND s.at < p.until
  WITH DISTINCT s.contact AS cid WHERE cid IS NOT NULL
  CALL (opportunity, cid, p) {
    MATCH (x:RoleState {opportunity: opportunity, contact: cid}) WHERE x.at < p.until
    RETURN x ORDER BY x.at DESC, x.version DESC LIMIT 1
  }
  WITH x WHERE x.present
  CALL (x, p) {
    OPTIONAL MATCH (y:ContactState {contact: x.contact}) WHERE y.at < p.until
    WITH y ORDER BY y.at DESC, y.version DESC LIMIT 1
    RETURN CASE WHEN y.present THEN y END AS y
  }
  WITH x, y ORDER BY x.contact
  RETURN collect({
    id: x.contact, name: y.name, role: x.role,
    closeness: coalesce(x.closeness, y.closeness),
    solution_acceptance: coalesce(x.solution_acceptance, y.solution_acceptance),
    price_acceptance: coalesce(x.price_acceptance, y.price_acceptance),
    attitude: coalesce(x.attitude, y.attitude), orientation: y.orientation, importance: y.importance,
    one_vote_approve: coalesce(x.one_vote_approve, false), one_vote_veto: coalesce(x.one_vote_veto, false),
    inside_source: coalesce(x.inside_source, false)
  }) AS members
}
CALL (opportunity, p) {
  OPTIONAL MATCH (s:CompeteState {opportunity: opportunity}) WHERE s.competitor IS NOT NULL AND s.at < p.until
  WITH DISTINCT s.competitor AS kid WHERE kid IS NOT NULL
  CALL (opportunity, kid, p) {
    MATCH (x:CompeteState {opportunity: opportunity, competitor: kid}) WHERE x.at < p.until
    RETURN x ORDER BY x.at DESC, x.version DESC LIMIT 1
  }
  WITH x WHERE x.present
  WITH x ORDER BY x.competitor
  RETURN collect({id: x.competitor, name: x.name, need_satisfaction: x.need_satisfaction,
                  closeness: x.closeness}) AS competitors
}
RETURN opportunity, p.label AS label,
       CASE WHEN deal IS NULL THEN null ELSE deal {.present, .account, .owner, .stage, .amount, .grade,
            .compelling_event, .need_satisfaction, close_date: toString(deal.close_date), .at} END AS deal,
       members, competitors
ORDER BY opportunity, p.until
