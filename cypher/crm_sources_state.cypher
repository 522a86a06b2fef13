// Issue 12: what came from each CRM source (ids with its prefix) and what it could not give, for the page's start
// panel and GET /sources: accounts and contacts from it, how many of those contacts have any of the features
// filled, and how many one of our employees has a live tie (KNOWS) to (typed in, or derived from activities).
// $sources: [{source, prefix}]. Index-backed prefix scans; counts only.
UNWIND $sources AS src
CALL (src) {
  MATCH (a:Account) WHERE a.id STARTS WITH src.prefix
  RETURN count(a) AS accounts
}
CALL (src) {
  MATCH (c:Contact) WHERE c.id STARTS WITH src.prefix
  RETURN count(c) AS contacts,
         count(CASE WHEN c.orientation IS NOT NULL OR c.attitude IS NOT NULL OR c.importance IS NOT NULL
                      OR c.closeness IS NOT NULL OR c.solution_acceptance IS NOT NULL
                      OR c.price_acceptance IS NOT NULL THEN 1 END) AS profiled,
         count(CASE WHEN EXISTS { (:Employee)-[:KNOWS]->(c) } THEN 1 END) AS tied
}
RETURN src.source AS source, accounts, contacts, profiled, tied
