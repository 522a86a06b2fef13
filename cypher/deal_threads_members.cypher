// SINGLE_THREADED as of a date (issue 17): employees who logged deal activities dated on or before $as_of
// with the given members (the decision chain of that date, from history).
MATCH (o:Opportunity {id: $opportunity})
RETURN COLLECT {
  MATCH (o)<-[:ABOUT]-(a)<-[:LOGGED]-(e:Employee)
  WHERE a.date <= $as_of AND EXISTS { (a)-[:WITH]->(c:Contact) WHERE c.id IN $contacts }
  RETURN DISTINCT e.id AS id ORDER BY id
} AS employees
