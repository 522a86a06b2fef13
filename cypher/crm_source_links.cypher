// Relationships between two nodes of one CRM source (both ids start with its prefix) of the kinds an export
// carries: contact roles (as [opportunity, contact]) and reporting lines ([from, to]). A newer export that no
// longer has one lists it as not in the export; prune removes it (cypher/crm_prune.cypher).
CALL () {
  MATCH (c:Contact)-[:ROLE_IN]->(o:Opportunity) WHERE c.id STARTS WITH $prefix AND o.id STARTS WITH $prefix
  RETURN 'roles' AS kind, o.id AS a, c.id AS b
  UNION ALL
  MATCH (x:Contact)-[:REPORTS_TO]->(y:Contact) WHERE x.id STARTS WITH $prefix AND y.id STARTS WITH $prefix
  RETURN 'reports_to' AS kind, x.id AS a, y.id AS b
}
RETURN kind, a, b
