// Append a CompeteState for each (competitor, opportunity) pair whose COMPETES_IN rating (present,
// need_satisfaction, closeness) differs from its latest state at or before $at; a removed entry gets
// `present: false` (issue 17).
UNWIND $pairs AS pair
OPTIONAL MATCH (k:Competitor {id: pair.competitor})
OPTIONAL MATCH (o:Opportunity {id: pair.opportunity})
OPTIONAL MATCH (k)-[r:COMPETES_IN]->(o)
CALL (pair) {
  OPTIONAL MATCH (s:CompeteState {opportunity: pair.opportunity, competitor: pair.competitor}) WHERE s.at <= $at
  WITH s ORDER BY s.at DESC, s.version DESC LIMIT 1
  RETURN s AS last
}
CALL (pair) {
  OPTIONAL MATCH (s:CompeteState {opportunity: pair.opportunity, competitor: pair.competitor}) WHERE s.at IS NOT NULL
  RETURN coalesce(max(s.version), 0) AS version
}
WITH pair, k, r, last, version, r IS NOT NULL AS present
WITH pair, k, r, last, version, present,
     [v IN [present, r.need_satisfaction, r.closeness] | coalesce(toString(v), '-')] AS now,
     [v IN [last.present, last.need_satisfaction, last.closeness] | coalesce(toString(v), '-')] AS before
WHERE (last IS NULL AND present) OR (last IS NOT NULL AND now <> before)
// import_run: the import run that appended it (issue 16: its rollback removes exactly these), else null
CREATE (:CompeteState {competitor: pair.competitor, opportunity: pair.opportunity, at: $at, version: version + 1, import_run: $run,
                       present: present, name: k.name, need_satisfaction: r.need_satisfaction,
                       closeness: r.closeness})
RETURN count(*) AS created
