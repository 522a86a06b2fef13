// Departments as bundle rows: parent is the department it is PART_OF, account the Account at the top of its chain.
UNWIND $ids AS id
MATCH (d:Department {id: id})
RETURN d {.id, .name,
          account: [(d)-[:PART_OF*1..50]->(a:Account) | a.id][0],
          parent: [(d)-[:PART_OF]->(p:Department) | p.id][0]} AS row
