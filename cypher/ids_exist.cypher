// Which of the given ids exist, per kind: links in a request body and ids in a path are checked with it.
RETURN
  [id IN $accounts WHERE EXISTS { MATCH (:Account {id: id}) }] AS accounts,
  [id IN $departments WHERE EXISTS { MATCH (:Department {id: id}) }] AS departments,
  [id IN $contacts WHERE EXISTS { MATCH (:Contact {id: id}) }] AS contacts,
  [id IN $circles WHERE EXISTS { MATCH (:Circle {id: id}) }] AS circles,
  [id IN $employees WHERE EXISTS { MATCH (:Employee {id: id}) }] AS employees,
  [id IN $opportunities WHERE EXISTS { MATCH (:Opportunity {id: id}) }] AS opportunities,
  [id IN $competitors WHERE EXISTS { MATCH (:Competitor {id: id}) }] AS competitors,
  [id IN $activities WHERE EXISTS { MATCH (:Activity {id: id}) }] AS activities
