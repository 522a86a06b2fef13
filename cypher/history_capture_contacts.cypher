// Append a ContactState for each contact id whose tracked values (present, account, attitude, orientation,
// importance, the three degrees; since issue 17 also department and left_at) differ from its latest state
// at or before $at; a contact that is gone gets a `present: false` state once. States carry ids, not edges, so they outlive deletes and moves.
UNWIND $ids AS id
OPTIONAL MATCH (c:Contact {id: id})
OPTIONAL MATCH (c)-[:WORKS_AT]->(acc:Account)
WITH id, c, head(collect(acc.id)) AS account
OPTIONAL MATCH (c)-[:WORKS_IN]->(dep:Department)
WITH id, c, account, head(collect(dep.id)) AS department
CALL (id) {
  OPTIONAL MATCH (s:ContactState {contact: id}) WHERE s.at <= $at
  WITH s ORDER BY s.at DESC, s.version DESC LIMIT 1
  RETURN s AS last
}
CALL (id) {
  OPTIONAL MATCH (s:ContactState {contact: id}) WHERE s.at IS NOT NULL
  RETURN coalesce(max(s.version), 0) AS version
}
WITH id, c, account, department, last, version, c IS NOT NULL AS present
WITH id, c, account, department, last, version, present,
     [v IN [present, account, c.attitude, c.orientation, c.importance, c.closeness, c.solution_acceptance,
            c.price_acceptance, department, c.left_at] | coalesce(toString(v), '-')] AS now,
     [v IN [last.present, last.account, last.attitude, last.orientation, last.importance, last.closeness,
            last.solution_acceptance, last.price_acceptance, last.department, last.left_at]
        | coalesce(toString(v), '-')] AS before
WHERE (last IS NULL AND present) OR (last IS NOT NULL AND now <> before)
// import_run: the import run that appended it (issue 16: its rollback removes exactly these), else null
CREATE (:ContactState {contact: id, at: $at, version: version + 1, import_run: $run, present: present, account: account,
                       attitude: c.attitude, orientation: c.orientation, importance: c.importance,
                       closeness: c.closeness, solution_acceptance: c.solution_acceptance,
                       price_acceptance: c.price_acceptance, department: department, left_at: c.left_at,
                       name: c.name})
RETURN count(*) AS created
