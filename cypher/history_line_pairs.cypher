// (contact, manager) reporting-line pairs for a history capture: current REPORTS_TO edges from or to the
// given contacts plus pairs with states ($ids null: all). A line is captured when either end is touched.
MATCH (a:Contact)-[:REPORTS_TO]->(b:Contact) WHERE $ids IS NULL
RETURN a.id AS contact, b.id AS manager
UNION
MATCH (s:LineState) WHERE $ids IS NULL
RETURN s.contact AS contact, s.manager AS manager
UNION
UNWIND coalesce($ids, []) AS id
MATCH (a:Contact {id: id})-[:REPORTS_TO]->(b:Contact) RETURN a.id AS contact, b.id AS manager
UNION
UNWIND coalesce($ids, []) AS id
MATCH (a:Contact)-[:REPORTS_TO]->(b:Contact {id: id}) RETURN a.id AS contact, b.id AS manager
UNION
UNWIND coalesce($ids, []) AS id
MATCH (s:LineState {contact: id}) RETURN s.contact AS contact, s.manager AS manager
UNION
UNWIND coalesce($ids, []) AS id
MATCH (s:LineState {manager: id}) WHERE s.contact IS NOT NULL AND s.at IS NOT NULL
RETURN s.contact AS contact, s.manager AS manager
