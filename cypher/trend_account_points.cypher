// An account's three degrees, closeness counts and completeness at each point in $points ({label, until}),
// read from ContactState snapshots: a contact counts when its latest state before `until` is present
// and in this account. Means skip missing values (n_<degree> counts the values).
UNWIND $points AS p
CALL (p) {
  OPTIONAL MATCH (s:ContactState {account: $account}) WHERE s.at < p.until
  WITH DISTINCT s.contact AS cid WHERE cid IS NOT NULL
  CALL (cid, p) {
    MATCH (x:ContactState {contact: cid}) WHERE x.at < p.until
    RETURN x ORDER BY x.at DESC, x.version DESC LIMIT 1
  }
  WITH x WHERE x.present AND x.account = $account
  RETURN count(x) AS n,
         avg(x.closeness) AS closeness, count(x.closeness) AS n_closeness,
         avg(x.solution_acceptance) AS solution_acceptance, count(x.solution_acceptance) AS n_solution_acceptance,
         avg(x.price_acceptance) AS price_acceptance, count(x.price_acceptance) AS n_price_acceptance,
         count(CASE WHEN x.orientation IS NOT NULL AND x.attitude IS NOT NULL AND x.importance IS NOT NULL
                     AND x.closeness IS NOT NULL AND x.solution_acceptance IS NOT NULL
                     AND x.price_acceptance IS NOT NULL THEN 1 END) AS complete
}
RETURN p.label AS label, n, closeness, n_closeness, solution_acceptance, n_solution_acceptance,
       price_acceptance, n_price_acceptance, complete
ORDER BY p.until
