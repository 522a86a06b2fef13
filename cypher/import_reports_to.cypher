// Reporting lines: contact -> manager; `dotted` marks a dotted line.
UNWIND $rows AS row
MATCH (a:Contact {id: row.from_}), (b:Contact {id: row.to})
MERGE (a)-[r:REPORTS_TO]->(b)
SET r.dotted = row.dotted
