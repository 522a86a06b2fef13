// Issue 15: the reach graph of every contact in one pass, for app.services.warm_index (company-wide views
// compute who can reach whom in memory instead of one query per hop level and target batch).
// Per contact: its account, whether it is hostile (overall attitude below neutral: never passed through),
// the contacts it steps to along INFLUENCES, its REPORTS_TO managers (the step goes both ways), its circles,
// and the employees who KNOW it. Same step rules as cypher/warm_predecessors.cypher.
// $ids: null for every contact, or the contacts to read again after a write (app.services.company_state).
// `closeness` and `facts` (what key contacts and an account's degrees read of a contact) let the company-wide
// views build rep ties in memory and re-read an account only when one of its contacts' facts changed.
CALL () {
  WITH $ids AS ids WHERE ids IS NULL
  MATCH (c:Contact) RETURN c
  UNION
  UNWIND coalesce($ids, []) AS id
  MATCH (c:Contact {id: id}) RETURN c
}
OPTIONAL MATCH (c)-[:WORKS_AT]->(a:Account)
RETURN c.id AS id, c.name AS name, a.id AS account, a.name AS account_name,
       coalesce(c.attitude, '') IN ['negative', 'strong_negative'] AS hostile,
       [(c)-[:INFLUENCES]->(v:Contact) WHERE v <> c | v.id] AS influences,
       [(c)-[:REPORTS_TO]->(v:Contact) WHERE v <> c | v.id] AS reports_to,
       [(c)-[:MEMBER_OF]->(ci:Circle) | ci.id] AS circles,
       [(e:Employee)-[:KNOWS]->(c) | e.id] AS knowers,
       c.closeness AS closeness,
       [c.attitude, c.importance, c.closeness, c.solution_acceptance, c.price_acceptance, c.orientation] AS facts
