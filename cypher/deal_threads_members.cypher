// SINGLE_THREADED as of a date (issue 17): employees who logged deal activities dated on or before $as_of
// with the given members (the decision chain of that date, from history); $deals: [{opportunity, contacts}].
UNWIND $deals AS d
MATCH (o:Opportunity {id: d.opportunity})
RETURN o.id AS opportunity, COLLECT {
  MATCH (o)<-[:ABOUT]-(a)<-[:LOGGED]-(e:Employee)
  WHERE a.date <= $as_of AND EXISTS { (a)-[:WITH]->(c:Contact) WHERE c.id IN d.contacts }
  RETURN DISTINCT e.id AS id ORDER BY id
} AS employees
