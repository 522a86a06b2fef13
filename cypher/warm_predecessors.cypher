// One backward step of reach (domain.md section 5) for each contact id: the contacts that can step TO it
// (INFLUENCES in its direction, REPORTS_TO either way, a shared Circle) and may be passed through
// (overall attitude not negative/strong_negative, unless $include_hostile).
UNWIND $ids AS id
MATCH (c:Contact {id: id})
CALL (c) {
  MATCH (p:Contact)-[:INFLUENCES]->(c) RETURN p
  UNION
  MATCH (p:Contact)-[:REPORTS_TO]-(c) RETURN p
  UNION
  MATCH (p:Contact)-[:MEMBER_OF]->(:Circle)<-[:MEMBER_OF]-(c) RETURN p
}
WITH id, p
WHERE p.id <> id AND ($include_hostile OR NOT coalesce(p.attitude, '') IN ['negative', 'strong_negative'])
RETURN id, collect(DISTINCT p.id) AS predecessors
