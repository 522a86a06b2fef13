// Reporting lines between contacts as bundle rows, sorted: the live lines (with valid_from when known), then
// (issue 17) the ended ones from history: pairs whose latest LineState is `present: false`, with the day the
// line began (its latest present state before that) and the day it ended.
CALL () {
  MATCH (a:Contact)-[r:REPORTS_TO]->(b:Contact)
  RETURN a.id AS from_id, b.id AS to_id, {`from`: a.id, to: b.id, dotted: r.dotted, valid_from: r.valid_from} AS row
  UNION
  MATCH (s:LineState) WHERE s.contact IS NOT NULL AND s.manager IS NOT NULL
  WITH s.contact AS c, s.manager AS m, s ORDER BY s.at DESC, s.version DESC
  WITH c, m, collect(s) AS states
  WITH c, m, states[0] AS last, [x IN states WHERE x.present] AS on
  WHERE NOT last.present AND size(on) > 0
    AND NOT EXISTS { (:Contact {id: c})-[:REPORTS_TO]->(:Contact {id: m}) }
    AND EXISTS { (:Contact {id: c}) } AND EXISTS { (:Contact {id: m}) }
  RETURN c AS from_id, m AS to_id, {`from`: c, to: m, dotted: coalesce(on[0].dotted, false),
         valid_from: date(on[0].at), valid_to: date(last.at)} AS row
}
RETURN row
ORDER BY from_id, to_id, row.valid_to
