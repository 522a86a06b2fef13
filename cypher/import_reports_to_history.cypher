// Dated reporting-line history from bundle rows (issue 17): a line present from `valid_from` (00:00 UTC) and,
// when `valid_to` is given, gone from then. MERGE on (pair, at, present) makes re-imports add nothing;
// version 0 orders these before captured states taken at the same instant.
UNWIND $rows AS row
WITH row WHERE row.valid_from IS NOT NULL OR row.valid_to IS NOT NULL
CALL (row) {
  WITH row WHERE row.valid_from IS NOT NULL
  MERGE (s:LineState {contact: row.from_, manager: row.to, at: datetime(row.valid_from), present: true})
  ON CREATE SET s.version = 0, s.dotted = row.dotted
}
CALL (row) {
  WITH row WHERE row.valid_to IS NOT NULL
  MERGE (s:LineState {contact: row.from_, manager: row.to, at: datetime(row.valid_to), present: false})
  ON CREATE SET s.version = 0, s.dotted = row.dotted
}
