// An account's relationship-map three degrees from the contacts' CURRENT overall values (domain.md
// section 4): means over contacts with a value, counts for `missing`, and the completeness numerator
// (orientation, attitude, importance and the three degrees all set). $accounts: ids, or null for all.
CALL () {  // by the id index when $accounts is given (no scan of every account)
  WITH $accounts AS ids WHERE ids IS NULL
  MATCH (acc:Account) RETURN acc
  UNION
  UNWIND coalesce($accounts, []) AS id
  MATCH (acc:Account {id: id}) RETURN acc
}
OPTIONAL MATCH (c:Contact)-[:WORKS_AT]->(acc)
RETURN acc.id AS account, acc.name AS name, count(c) AS n,
       avg(c.closeness) AS closeness, count(c.closeness) AS n_closeness,
       avg(c.solution_acceptance) AS solution_acceptance, count(c.solution_acceptance) AS n_solution_acceptance,
       avg(c.price_acceptance) AS price_acceptance, count(c.price_acceptance) AS n_price_acceptance,
       count(CASE WHEN c.orientation IS NOT NULL AND c.attitude IS NOT NULL AND c.importance IS NOT NULL
                   AND c.closeness IS NOT NULL AND c.solution_acceptance IS NOT NULL
                   AND c.price_acceptance IS NOT NULL THEN 1 END) AS complete
ORDER BY name, account
