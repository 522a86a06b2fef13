// Competitors and their COMPETES_IN entries; the row's list replaces the old one.
UNWIND $rows AS row
MERGE (k:Competitor {id: row.id})
SET k.name = row.name
WITH k, row
CALL (k, row) {
  OPTIONAL MATCH (k)-[old:COMPETES_IN]->(o)
  WHERE NOT o.id IN [entry IN row.opportunities | entry.opportunity]
  DELETE old
}
WITH k, row
UNWIND row.opportunities AS entry
MATCH (o:Opportunity {id: entry.opportunity})
MERGE (k)-[r:COMPETES_IN]->(o)
SET r.need_satisfaction = entry.need_satisfaction, r.closeness = entry.closeness
