// Append a LineState for each reporting line (contact -> manager) whose REPORTS_TO (present, dotted) differs
// from its latest state at or before $at: a line drawn, ended (`present: false`) or turned dotted. The ended
// lines live only here, never as REPORTS_TO edges, so live queries see current lines only (issue 17).
UNWIND $pairs AS pair
OPTIONAL MATCH (a:Contact {id: pair.contact})
OPTIONAL MATCH (b:Contact {id: pair.manager})
OPTIONAL MATCH (a)-[r:REPORTS_TO]->(b)
CALL (pair) {
  OPTIONAL MATCH (s:LineState {contact: pair.contact, manager: pair.manager}) WHERE s.at <= $at
  WITH s ORDER BY s.at DESC, s.version DESC LIMIT 1
  RETURN s AS last
}
CALL (pair) {
  OPTIONAL MATCH (s:LineState {contact: pair.contact, manager: pair.manager}) WHERE s.at IS NOT NULL
  RETURN coalesce(max(s.version), 0) AS version,
         count(CASE WHEN s.version = 0 AND s.at > $at THEN 1 END) AS dated_ahead
}
// a line whose valid_from is still ahead of $at does not hold yet (its dated state says when it starts)
WITH pair, r, last, version, dated_ahead WHERE dated_ahead = 0   // dated rows (version 0) ahead of $at say it
WITH pair, r, last, version,
     r IS NOT NULL AND (r.valid_from IS NULL OR date(r.valid_from) <= date($at)) AS present
WITH pair, r, last, version, present,
     [v IN [present, CASE WHEN present THEN coalesce(r.dotted, false) END] | coalesce(toString(v), '-')] AS now,
     [v IN [last.present, CASE WHEN last.present THEN coalesce(last.dotted, false) END]
        | coalesce(toString(v), '-')] AS before
WHERE (last IS NULL AND present) OR (last IS NOT NULL AND now <> before)
// import_run: the import run that appended it (issue 16: its rollback removes exactly these), else null
CREATE (:LineState {contact: pair.contact, manager: pair.manager, at: $at, version: version + 1, import_run: $run,
                    present: present, dotted: coalesce(r.dotted, false)})
RETURN count(*) AS created
