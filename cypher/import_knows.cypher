// Employee influence on a customer person (员工影响力).
UNWIND $rows AS row
MATCH (e:Employee {id: row.employee}), (c:Contact {id: row.contact})
MERGE (e)-[k:KNOWS]->(c)
SET k.strength = row.strength, k.since = row.since, k.source = row.source
