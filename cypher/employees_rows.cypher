// Our employees as bundle rows, with their manager (REPORTS_TO another employee).
UNWIND $ids AS id
MATCH (e:Employee {id: id})
RETURN e {.id, .name, .title, .team, .active,
          manager: [(e)-[:REPORTS_TO]->(m:Employee) | m.id][0]} AS row
