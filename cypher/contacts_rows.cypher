// Contacts as bundle rows, with their account (WORKS_AT) and department (WORKS_IN).
UNWIND $ids AS id
MATCH (c:Contact {id: id})
RETURN c {.id, .name, .title,
          account: [(c)-[:WORKS_AT]->(a:Account) | a.id][0],
          department: [(c)-[:WORKS_IN]->(d:Department) | d.id][0],
          .orientation, .attitude, .importance, .closeness, .solution_acceptance, .price_acceptance, .emails,
          .left_at, previous_account: c.moved_from} AS row
