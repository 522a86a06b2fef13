// Append a DealState for each opportunity id whose tracked fields (present, account, owner, stage, amount,
// grade, compelling_event, need_satisfaction, close_date) differ from its latest state at or before $at;
// a deleted deal gets `present: false` once. States carry ids, so they outlive deletes (issue 17).
UNWIND $ids AS id
OPTIONAL MATCH (o:Opportunity {id: id})
CALL (o) {
  OPTIONAL MATCH (o)-[:FOR]->(acc:Account)
  OPTIONAL MATCH (e:Employee)-[:OWNS]->(o)
  RETURN head(collect(DISTINCT acc.id)) AS account, head(collect(DISTINCT e.id)) AS owner
}
CALL (id) {
  OPTIONAL MATCH (s:DealState {opportunity: id}) WHERE s.at <= $at
  WITH s ORDER BY s.at DESC, s.version DESC LIMIT 1
  RETURN s AS last
}
CALL (id) {
  OPTIONAL MATCH (s:DealState {opportunity: id}) WHERE s.at IS NOT NULL
  RETURN coalesce(max(s.version), 0) AS version
}
WITH id, o, account, owner, last, version, o IS NOT NULL AS present
WITH id, o, account, owner, last, version, present,
     [v IN [present, account, owner, o.stage, o.amount, o.grade, o.compelling_event, o.need_satisfaction,
            o.close_date] | coalesce(toString(v), '-')] AS now,
     [v IN [last.present, last.account, last.owner, last.stage, last.amount, last.grade, last.compelling_event,
            last.need_satisfaction, last.close_date] | coalesce(toString(v), '-')] AS before
WHERE (last IS NULL AND present) OR (last IS NOT NULL AND now <> before)
// import_run: the import run that appended it (issue 16: its rollback removes exactly these), else null
CREATE (:DealState {opportunity: id, at: $at, version: version + 1, import_run: $run, present: present, account: account,
                    owner: owner, stage: o.stage, amount: o.amount, grade: o.grade,
                    compelling_event: o.compelling_event, need_satisfaction: o.need_satisfaction,
                    close_date: o.close_date})
RETURN count(*) AS created
