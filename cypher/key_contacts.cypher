// Key contacts per account: approvers and decision makers in the account's open deals (stage not
// won/lost), with their role attitude (ROLE_IN value, else the contact's overall one). An account
// whose open deals name no such person falls back to its contacts with importance >= $fallback_importance.
// $accounts: a list of account ids, or null for every account.
CALL () {  // by the id index when $accounts is given (no scan of every account)
  WITH $accounts AS ids WHERE ids IS NULL
  MATCH (acc:Account) RETURN acc
  UNION
  UNWIND coalesce($accounts, []) AS id
  MATCH (acc:Account {id: id}) RETURN acc
}
OPTIONAL MATCH (c:Contact)-[r:ROLE_IN]->(o:Opportunity)-[:FOR]->(acc)
WHERE r.role IN ['approver', 'decision_maker'] AND NOT coalesce(o.stage, '') IN ['won', 'lost']
WITH acc, c, collect(CASE WHEN o IS NULL THEN null ELSE
       {opportunity: o.id, opportunity_name: o.name, amount: o.amount, role: r.role,
        attitude: coalesce(r.attitude, c.attitude)} END) AS roles
WITH acc, collect(CASE WHEN c IS NULL THEN null ELSE
       {id: c.id, name: c.name, attitude: c.attitude, importance: c.importance, roles: roles} END) AS deal_keys
CALL (acc, deal_keys) {
  WITH acc, deal_keys WHERE size(deal_keys) = 0
  MATCH (c:Contact)-[:WORKS_AT]->(acc) WHERE c.importance >= $fallback_importance
  RETURN collect({id: c.id, name: c.name, attitude: c.attitude, importance: c.importance, roles: []}) AS fallback
}
RETURN acc.id AS account, acc.name AS name, acc.region AS region,
       CASE WHEN size(deal_keys) > 0 THEN 'open_deals' ELSE 'importance' END AS basis,
       CASE WHEN size(deal_keys) > 0 THEN deal_keys ELSE fallback END AS key_contacts
ORDER BY name, account
