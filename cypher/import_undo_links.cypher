// Rollback: delete the links (of bundle key $key) that run $run created; pair = the row's identity (a->b).
UNWIND $pairs AS pair
CALL (pair) { WITH pair WHERE $key = 'reports_to'
  MATCH (:Contact {id: pair.a})-[r:REPORTS_TO]->(:Contact {id: pair.b}) DELETE r }
CALL (pair) { WITH pair WHERE $key = 'influences'
  MATCH (:Contact {id: pair.a})-[r:INFLUENCES]->(:Contact {id: pair.b}) DELETE r }
CALL (pair) { WITH pair WHERE $key = 'knows'
  MATCH (:Employee {id: pair.a})-[r:KNOWS]->(:Contact {id: pair.b}) DELETE r }
CALL (pair) { WITH pair WHERE $key = 'roles'
  MATCH (:Contact {id: pair.b})-[r:ROLE_IN]->(:Opportunity {id: pair.a}) DELETE r }
