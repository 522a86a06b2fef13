// SINGLE_THREADED (domain.md section 7): the employees who logged deal activities (ABOUT the opportunity,
// dated on or before $as_of) with members of its decision chain.
MATCH (o:Opportunity {id: $opportunity})
RETURN COLLECT {
  MATCH (e:Employee)-[:LOGGED]->(a:Activity)-[:ABOUT]->(o)
  WHERE a.date <= $as_of AND EXISTS { (a)-[:WITH]->(:Contact)-[:ROLE_IN]->(o) }
  RETURN DISTINCT e.id AS id ORDER BY id
} AS employees
