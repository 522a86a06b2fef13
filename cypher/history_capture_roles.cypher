// Append a RoleState for each (contact, opportunity) pair whose ROLE_IN values (present, role, attitude,
// the three degrees) differ from its latest state at or before $at; a removed role gets `present: false`.
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
     [v IN [present, r.role, r.attitude, r.closeness, r.solution_acceptance, r.price_acceptance]
        | coalesce(toString(v), '-')] AS now,
     [v IN [last.present, last.role, last.attitude, last.closeness, last.solution_acceptance, last.price_acceptance]
        | coalesce(toString(v), '-')] AS before
WHERE (last IS NULL AND present) OR (last IS NOT NULL AND now <> before)
CREATE (:RoleState {contact: pair.contact, opportunity: pair.opportunity, at: $at, version: version + 1,
                    present: present, role: r.role, attitude: r.attitude, closeness: r.closeness,
                    solution_acceptance: r.solution_acceptance, price_acceptance: r.price_acceptance})
RETURN count(*) AS created
