// The account of each stored contact, circle and opportunity named, for the cross-account link rules.
CALL {
  UNWIND $contacts AS id MATCH (:Contact {id: id})-[:WORKS_AT]->(a:Account) RETURN 'contacts' AS kind, id, a.id AS account
  UNION ALL
  UNWIND $circles AS id MATCH (:Circle {id: id})-[:IN]->(a:Account) RETURN 'circles' AS kind, id, a.id AS account
  UNION ALL
  UNWIND $opportunities AS id MATCH (:Opportunity {id: id})-[:FOR]->(a:Account) RETURN 'opportunities' AS kind, id, a.id AS account
}
RETURN kind, id, account
