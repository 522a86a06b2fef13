// SINGLE_THREADED (domain.md section 7): the employees who logged deal activities (ABOUT the opportunity,
// dated on or before $as_of) with members of its decision chain. Expanded from the deal (no :Activity label: no date-index scan).
// One row per id of $opportunities (one deal, or every deal of a weekly review).
UNWIND $opportunities AS opportunity_id
MATCH (o:Opportunity {id: opportunity_id})
RETURN o.id AS opportunity, COLLECT {
  MATCH (o)<-[:ABOUT]-(a)<-[:LOGGED]-(e:Employee)
  WHERE a.date <= $as_of AND EXISTS { (a)-[:WITH]->(:Contact)-[:ROLE_IN]->(o) }
  RETURN DISTINCT e.id AS id ORDER BY id
} AS employees
