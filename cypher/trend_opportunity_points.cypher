// A deal's decision-chain three degrees at each point in $points ({label, until}), from snapshots: members
// are the pairs whose latest RoleState before `until` is present; a member's value is the RoleState value,
// else the contact's latest ContactState value (domain.md section 4). Weighted sums use $weights by role.
UNWIND $points AS p
CALL (p) {
  OPTIONAL MATCH (s:RoleState {opportunity: $opportunity}) WHERE s.contact IS NOT NULL AND s.at < p.until
  WITH DISTINCT s.contact AS cid WHERE cid IS NOT NULL
  CALL (cid, p) {
    MATCH (x:RoleState {opportunity: $opportunity, contact: cid}) WHERE x.at < p.until
    RETURN x ORDER BY x.at DESC, x.version DESC LIMIT 1
  }
  WITH x WHERE x.present
  CALL (x, p) {
    OPTIONAL MATCH (y:ContactState {contact: x.contact}) WHERE y.at < p.until
    WITH y ORDER BY y.at DESC, y.version DESC LIMIT 1
    RETURN CASE WHEN y.present THEN y.closeness END AS cl0,
           CASE WHEN y.present THEN y.solution_acceptance END AS sa0,
           CASE WHEN y.present THEN y.price_acceptance END AS pa0
  }
  WITH coalesce($weights[x.role], 0) AS w, coalesce(x.closeness, cl0) AS cl,
       coalesce(x.solution_acceptance, sa0) AS sa, coalesce(x.price_acceptance, pa0) AS pa
  RETURN count(*) AS n,
         avg(cl) AS closeness, count(cl) AS n_closeness,
         sum(CASE WHEN cl IS NOT NULL THEN w * cl END) AS wsum_closeness, sum(CASE WHEN cl IS NOT NULL THEN w END) AS w_closeness,
         avg(sa) AS solution_acceptance, count(sa) AS n_solution_acceptance,
         sum(CASE WHEN sa IS NOT NULL THEN w * sa END) AS wsum_solution_acceptance, sum(CASE WHEN sa IS NOT NULL THEN w END) AS w_solution_acceptance,
         avg(pa) AS price_acceptance, count(pa) AS n_price_acceptance,
         sum(CASE WHEN pa IS NOT NULL THEN w * pa END) AS wsum_price_acceptance, sum(CASE WHEN pa IS NOT NULL THEN w END) AS w_price_acceptance
}
RETURN p.label AS label, n, closeness, n_closeness, wsum_closeness, w_closeness,
       solution_acceptance, n_solution_acceptance, wsum_solution_acceptance, w_solution_acceptance,
       price_acceptance, n_price_acceptance, wsum_price_acceptance, w_price_acceptance
ORDER BY p.until
