// Issue 13: store derived ties. A manual tie (a KNOWS whose source is not 'derived': from a bundle, the API or
// the page) always wins and is never touched. Otherwise a live tie is KNOWS {strength, source: 'derived',
// factors...}, which reach, rep levels, departure risk and coverage read as they read any KNOWS; a dormant one
// (strength below TIE_DORMANT_BELOW) is moved to KNEW with the same properties, out of every KNOWS query.
UNWIND $rows AS row
MATCH (e:Employee {id: row.employee}), (c:Contact {id: row.contact})
OPTIONAL MATCH (e)-[k:KNOWS]->(c)
WITH e, c, row, k IS NOT NULL AND coalesce(k.source, '') <> 'derived' AS manual
CALL (e, c, row, manual) {
  WITH e, c, row, manual WHERE NOT manual AND row.dormant
  OPTIONAL MATCH (e)-[old:KNOWS]->(c)
  DELETE old
  MERGE (e)-[d:KNEW]->(c)
  SET d = row.props
}
CALL (e, c, row, manual) {
  WITH e, c, row, manual WHERE NOT manual AND NOT row.dormant
  OPTIONAL MATCH (e)-[old:KNEW]->(c)
  DELETE old
  MERGE (e)-[live:KNOWS]->(c)
  SET live = row.props
}
CALL (e, c, manual) {
  WITH e, c, manual WHERE manual
  OPTIONAL MATCH (e)-[old:KNEW]->(c)
  DELETE old
}
RETURN sum(CASE WHEN manual THEN 1 ELSE 0 END) AS manual,
       sum(CASE WHEN NOT manual AND row.dormant THEN 1 ELSE 0 END) AS dormant,
       sum(CASE WHEN NOT manual AND NOT row.dormant THEN 1 ELSE 0 END) AS live
