// (contact, manager) reporting-line pairs for a history capture: current REPORTS_TO edges from or to the
// given contacts plus pairs with states ($ids null: all). A line is captured when either end is touched.
// The "all" branches start from an UNWIND that is empty unless $ids is null: a `WHERE $ids IS NULL` filter
// ran after a full label scan on every call (issue 16: each import batch scanned every contact and line state).
UNWIND CASE WHEN $ids IS NULL THEN [true] ELSE [] END AS everything
MATCH (a:Contact)-[:REPORTS_TO]->(b:Contact)
RETURN a.id AS contact, b.id AS manager
UNION
UNWIND CASE WHEN $ids IS NULL THEN [true] ELSE [] END AS everything
MATCH (s:LineState)
RETURN s.contact AS contact, s.manager AS manager
UNION
UNWIND coalesce($ids, []) AS id
MATCH (a:Contact {id: id})-[:REPORTS_TO]->(b:Contact) RETURN a.id AS contact, b.id AS manager
UNION
UNWIND coalesce($ids, []) AS id
MATCH (a:Contact)-[:REPORTS_TO]->(b:Contact {id: id}) RETURN a.id AS contact, b.id AS manager
UNION
UNWIND coalesce($ids, []) AS id
MATCH (s:LineState {contact: id}) WHERE s.manager IS NOT NULL AND s.at IS NOT NULL  // the (contact, manager, at) index
RETURN s.contact AS contact, s.manager AS manager
UNION
UNWIND coalesce($ids, []) AS id
MATCH (s:LineState {manager: id}) WHERE s.contact IS NOT NULL AND s.at IS NOT NULL
RETURN s.contact AS contact, s.manager AS manager
