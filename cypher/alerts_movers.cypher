// People who left or changed jobs (issue 17), with what the alerts need: where they are now, where they came
// from, since when, which of our employees know them, and their recorded decision roles (latest state per
// deal) with the deal's account then, its stage now and whether the role still holds.
// The movers are found through the contact_left_at / contact_moved_from indexes (no scan of every contact).
CALL () {
  MATCH (c:Contact) WHERE c.left_at IS NOT NULL RETURN c
  UNION
  MATCH (c:Contact) WHERE c.moved_from IS NOT NULL RETURN c
}
OPTIONAL MATCH (c)-[:WORKS_AT]->(now:Account)
OPTIONAL MATCH (former:Account {id: c.moved_from})
CALL (c, now) {
  OPTIONAL MATCH (s:ContactState {contact: c.id, account: now.id})
  RETURN min(s.at) AS arrived
}
CALL (c) {
  MATCH (s:RoleState {contact: c.id}) WHERE s.opportunity IS NOT NULL AND s.at IS NOT NULL
  WITH s.opportunity AS oid, s ORDER BY s.at DESC, s.version DESC
  WITH oid, collect(s) AS states
  WITH oid, [x IN states WHERE x.present][0] AS held
  WHERE held IS NOT NULL
  OPTIONAL MATCH (o:Opportunity {id: oid})
  OPTIONAL MATCH (o)-[:FOR]->(acc:Account)
  RETURN collect({opportunity: oid, name: o.name, stage: o.stage, amount: o.amount, account: acc.id,
                  account_name: acc.name, role: held.role, attitude: held.attitude,
                  current: EXISTS { (c)-[:ROLE_IN]->(o) }}) AS roles
}
RETURN c.id AS id, c.name AS name, c.attitude AS attitude, c.left_at AS left_at,
       now.id AS account, now.name AS account_name, former.id AS former, former.name AS former_name,
       arrived, roles,
       COLLECT { MATCH (e:Employee)-[k:KNOWS]->(c) RETURN {id: e.id, name: e.name, strength: k.strength} AS knower
                 ORDER BY coalesce(k.strength, 0.5) DESC, e.id } AS known_by,
       COLLECT { MATCH (o:Opportunity)-[:FOR]->(now) WHERE NOT coalesce(o.stage, '') IN ['won', 'lost']
                 RETURN {id: o.id, name: o.name} AS deal ORDER BY o.id } AS open_deals_now
ORDER BY id
