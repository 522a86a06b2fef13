// Ids of every node that came from one CRM source (ids start with its prefix, e.g. "sf-"), per bundle key.
// Used to list what exists here but not in a new export (never deleted unless asked: prune).
CALL () {
  MATCH (n:Account) WHERE n.id STARTS WITH $prefix RETURN 'accounts' AS kind, n.id AS id
  UNION ALL
  MATCH (n:Department) WHERE n.id STARTS WITH $prefix RETURN 'departments' AS kind, n.id AS id
  UNION ALL
  MATCH (n:Contact) WHERE n.id STARTS WITH $prefix RETURN 'contacts' AS kind, n.id AS id
  UNION ALL
  MATCH (n:Employee) WHERE n.id STARTS WITH $prefix RETURN 'employees' AS kind, n.id AS id
  UNION ALL
  MATCH (n:Opportunity) WHERE n.id STARTS WITH $prefix RETURN 'opportunities' AS kind, n.id AS id
  UNION ALL
  MATCH (n:Competitor) WHERE n.id STARTS WITH $prefix RETURN 'competitors' AS kind, n.id AS id
  UNION ALL
  MATCH (n:Activity) WHERE n.id STARTS WITH $prefix RETURN 'activities' AS kind, n.id AS id
}
RETURN kind, collect(id) AS ids
