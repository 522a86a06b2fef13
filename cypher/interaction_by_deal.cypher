// Per (contact, opportunity): activities ABOUT the deal dated in (start, as_of], for every deal the
// contact has a ROLE_IN or such an activity about.
UNWIND $contact_ids AS contactId
MATCH (c:Contact {id: contactId})
CALL (c) {
  MATCH (c)-[:ROLE_IN]->(o:Opportunity)
  RETURN o
  UNION
  MATCH (c)<-[:WITH]-(a:Activity)-[:ABOUT]->(o:Opportunity)
  WHERE a.date > $start AND a.date <= $as_of
  RETURN o
}
RETURN contactId AS contact, o.id AS opportunity,
       COUNT {
         MATCH (c)<-[:WITH]-(a:Activity)-[:ABOUT]->(o)
         WHERE a.date > $start AND a.date <= $as_of
       } AS n
ORDER BY contact, opportunity
