// Remove what one CRM source's newer export no longer holds (after a dry run showed it), inside the import's
// switch transaction: first the relationships it lost between records that stay ($ids.roles: [{opportunity,
// contact}], $ids.reports_to: [{from, to}]), then the nodes ($ids.accounts, ...; their relationships go with them).
// `touched`: every node removed and every node at the other end of a relationship removed with it, [label, id]
// (the prune declares them: app.ingest.crm_import).
CALL () {
  UNWIND $ids.roles AS pair
  MATCH (:Contact {id: pair.contact})-[r:ROLE_IN]->(:Opportunity {id: pair.opportunity})
  DELETE r
  RETURN count(*) AS roles
}
CALL () {
  UNWIND $ids.reports_to AS pair
  MATCH (:Contact {id: pair.from})-[r:REPORTS_TO]->(:Contact {id: pair.to})
  DELETE r
  RETURN count(*) AS reports_to
}
CALL () {
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
  WITH n, [[head(labels(n)), n.id]] + [(n)--(m) WHERE m.id IS NOT NULL | [head(labels(m)), m.id]] AS ends
  DETACH DELETE n
  RETURN count(*) AS nodes, collect(ends) AS touched
}
RETURN nodes, roles, reports_to, reduce(all = [], ends IN touched | all + ends) AS touched
