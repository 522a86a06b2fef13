// Append a RoleState for each (contact, opportunity) pair whose ROLE_IN values (present, role, attitude,
// the three degrees, the two votes, inside_source) differ from its latest state at or before $at; a removed
// role gets `present: false`. Votes and inside_source compare as false when unset (states before issue 17).
UNWIND $pairs AS pair
OPTIONAL MATCH (:Contact {id: pair.contact})-[r:ROLE_IN]->(:Opportunity {id: pair.opportunity})
CALL (pair) {
  OPTIONAL MATCH (s:RoleState {opportunity: pair.opportunity, contact: pair.contact}) WHERE s.at <= $at
  WITH s ORDER BY s.at DESC, s.version DESC LIMIT 1
  RETURN s AS last
}
CALL (pair) {
  OPTIONAL MATCH (s:RoleState {opportunity: pair.opportunity, contact: pair.contact}) WHERE s.at IS NOT NULL
  RETURN coalesce(max(s.version), 0) AS version
}
WITH pair, r, last, version, r IS NOT NULL AS present
WITH pair, r, last, version, present,
     [v IN [present, r.role, r.attitude, r.closeness, r.solution_acceptance, r.price_acceptance,
            CASE WHEN present THEN coalesce(r.one_vote_approve, false) END,
            CASE WHEN present THEN coalesce(r.one_vote_veto, false) END,
            CASE WHEN present THEN coalesce(r.inside_source, false) END]
        | coalesce(toString(v), '-')] AS now,
     [v IN [last.present, last.role, last.attitude, last.closeness, last.solution_acceptance, last.price_acceptance,
            CASE WHEN last.present THEN coalesce(last.one_vote_approve, false) END,
            CASE WHEN last.present THEN coalesce(last.one_vote_veto, false) END,
            CASE WHEN last.present THEN coalesce(last.inside_source, false) END]
        | coalesce(toString(v), '-')] AS before
WHERE (last IS NULL AND present) OR (last IS NOT NULL AND now <> before)
// import_run: the import run that appended it (issue 16: its rollback removes exactly these), else null
CREATE (:RoleState {contact: pair.contact, opportunity: pair.opportunity, at: $at, version: version + 1, import_run: $run,
                    present: present, role: r.role, attitude: r.attitude, closeness: r.closeness,
                    solution_acceptance: r.solution_acceptance, price_acceptance: r.price_acceptance,
                    one_vote_approve: r.one_vote_approve, one_vote_veto: r.one_vote_veto,
                    inside_source: r.inside_source})
RETURN count(*) AS created
