// Does an employee with this id exist (a user may say which employee they are)?
OPTIONAL MATCH (e:Employee {id: $id})
RETURN e IS NOT NULL AS found
