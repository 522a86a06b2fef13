// Which of the referenced ids already exist in the database (links may point at stored nodes).
RETURN
  [id IN $accounts WHERE EXISTS { MATCH (:Account {id: id}) }] AS accounts,
  [id IN $departments WHERE EXISTS { MATCH (:Department {id: id}) }] AS departments,
  [id IN $contacts WHERE EXISTS { MATCH (:Contact {id: id}) }] AS contacts,
  [id IN $employees WHERE EXISTS { MATCH (:Employee {id: id}) }] AS employees,
  [id IN $opportunities WHERE EXISTS { MATCH (:Opportunity {id: id}) }] AS opportunities
