// Append a TieState for each (employee, contact) pair whose KNOWS tie (present, strength) differs from its
// latest state at or before $at: a tie added, removed (`present: false`) or with a new strength.
UNWIND $pairs AS pair
// both ends by their id index first, then the one edge between them (not every tie of the employee)
OPTIONAL MATCH (e:Employee {id: pair.employee})
OPTIONAL MATCH (c:Contact {id: pair.contact})
OPTIONAL MATCH (e)-[k:KNOWS]->(c)
CALL (pair) {
  OPTIONAL MATCH (s:TieState {employee: pair.employee, contact: pair.contact}) WHERE s.at <= $at
  WITH s ORDER BY s.at DESC, s.version DESC LIMIT 1
  RETURN s AS last
}
CALL (pair) {
  OPTIONAL MATCH (s:TieState {employee: pair.employee, contact: pair.contact}) WHERE s.at IS NOT NULL
  RETURN coalesce(max(s.version), 0) AS version
}
WITH pair, k, last, version, k IS NOT NULL AS present
WITH pair, k, last, version, present,
     [v IN [present, k.strength] | coalesce(toString(v), '-')] AS now,
     [v IN [last.present, last.strength] | coalesce(toString(v), '-')] AS before
WHERE (last IS NULL AND present) OR (last IS NOT NULL AND now <> before)
// import_run: the import run that appended it (issue 16: its rollback removes exactly these), else null
CREATE (:TieState {employee: pair.employee, contact: pair.contact, at: $at, version: version + 1, import_run: $run,
                   present: present, strength: k.strength})
RETURN count(*) AS created
