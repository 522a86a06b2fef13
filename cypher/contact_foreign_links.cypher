// Links of contact $id that would cross accounts if it worked at $account: reporting lines, circles, roles.
MATCH (c:Contact {id: $id})
CALL (c) {
  MATCH (c)-[:REPORTS_TO]-(other:Contact)-[:WORKS_AT]->(a:Account) WHERE a.id <> $account
  RETURN 'reports_to ' + other.id AS link
  UNION
  MATCH (c)-[:MEMBER_OF]->(ci:Circle)-[:IN]->(a:Account) WHERE a.id <> $account
  RETURN 'circle ' + ci.id AS link
  UNION
  MATCH (c)-[:ROLE_IN]->(o:Opportunity)-[:FOR]->(a:Account) WHERE a.id <> $account
  RETURN 'role in ' + o.id AS link
}
RETURN collect(link)[..20] AS links
