// Upsert opportunities with their account (FOR) and owner (OWNS); stale links go.
UNWIND $rows AS row
MATCH (acc:Account {id: row.account})
MERGE (o:Opportunity {id: row.id})
SET o.name = row.name, o.amount = row.amount, o.stage = row.stage, o.grade = row.grade,
    o.compelling_event = row.compelling_event, o.need_satisfaction = row.need_satisfaction,
    o.close_date = CASE WHEN row.close_date IS NULL THEN null ELSE date(row.close_date) END
WITH o, row, acc
CALL (o, acc) {
  OPTIONAL MATCH (o)-[old:FOR]->(x) WHERE x <> acc
  DELETE old
}
MERGE (o)-[:FOR]->(acc)
WITH o, row
CALL (o, row) {
  OPTIONAL MATCH (e)-[old:OWNS]->(o) WHERE row.owner IS NULL OR e.id <> row.owner
  DELETE old
}
WITH o, row WHERE row.owner IS NOT NULL
MATCH (e:Employee {id: row.owner})
MERGE (e)-[:OWNS]->(o)
