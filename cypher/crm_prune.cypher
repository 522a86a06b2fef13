// Remove the nodes of one CRM source that a newer export no longer holds (after a dry run showed them).
// $ids: {accounts: [...], departments: [...], ...}; relationships go with their nodes.
CALL () {
  MATCH (n:Account) WHERE n.id IN $ids.accounts RETURN n
  UNION ALL
  MATCH (n:Department) WHERE n.id IN $ids.departments RETURN n
  UNION ALL
  MATCH (n:Contact) WHERE n.id IN $ids.contacts RETURN n
  UNION ALL
  MATCH (n:Employee) WHERE n.id IN $ids.employees RETURN n
  UNION ALL
  MATCH (n:Opportunity) WHERE n.id IN $ids.opportunities RETURN n
  UNION ALL
  MATCH (n:Competitor) WHERE n.id IN $ids.competitors RETURN n
  UNION ALL
  MATCH (n:Activity) WHERE n.id IN $ids.activities RETURN n
}
DETACH DELETE n
RETURN count(*) AS removed
