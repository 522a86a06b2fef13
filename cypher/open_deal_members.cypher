// Decision-chain memberships in open deals (stage not won/lost): who sits in which deal, with its amount.
// $contacts / $opportunities: null for every membership, or (after a write, app.services.company_state)
// the memberships of those contacts and of those deals. `role_attitude`: key contacts read it, so a refresh
// re-reads an account's key contacts when it changed.
CALL () {
  WITH $contacts AS ids WHERE ids IS NULL
  MATCH (c:Contact)-[r:ROLE_IN]->(o:Opportunity) RETURN c, r, o
  UNION
  UNWIND coalesce($contacts, []) AS id
  MATCH (c:Contact {id: id})-[r:ROLE_IN]->(o:Opportunity) RETURN c, r, o
  UNION
  UNWIND coalesce($opportunities, []) AS id
  MATCH (c:Contact)-[r:ROLE_IN]->(o:Opportunity {id: id}) RETURN c, r, o
}
WITH c, r, o WHERE NOT coalesce(o.stage, '') IN ['won', 'lost']
OPTIONAL MATCH (o)-[:FOR]->(a:Account)
RETURN c.id AS contact, o.id AS opportunity, o.name AS opportunity_name, o.amount AS amount,
       o.stage AS stage, r.role AS role, r.attitude AS role_attitude, a.id AS account, a.name AS account_name
ORDER BY opportunity, contact
