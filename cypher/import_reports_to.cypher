// Reporting lines: contact -> manager; `dotted` marks a dotted line. Issue 17: `valid_from` is kept on the
// line; a row with `valid_to` is an ended line: no live edge (it goes if it was there), only history
// (import_reports_to_history), so every live query keeps seeing the current lines only. A live row whose ends
// now work at different accounts is a line a move ended (the link rules refuse any other): never re-created.
UNWIND $rows AS row
MATCH (a:Contact {id: row.from_}), (b:Contact {id: row.to})
CALL (a, b, row) {
  WITH a, b, row WHERE row.valid_to IS NULL
    AND NOT EXISTS { MATCH (a)-[:WORKS_AT]->(x:Account), (b)-[:WORKS_AT]->(y:Account) WHERE x <> y }
  MERGE (a)-[r:REPORTS_TO]->(b)
  SET r.dotted = row.dotted, r.valid_from = CASE WHEN row.valid_from IS NULL THEN null ELSE date(row.valid_from) END
}
CALL (a, b, row) {
  WITH a, b, row WHERE row.valid_to IS NOT NULL
  OPTIONAL MATCH (a)-[old:REPORTS_TO]->(b)
  DELETE old
}
