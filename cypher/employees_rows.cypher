// Our employees as bundle rows, with their manager (REPORTS_TO another employee).
UNWIND $ids AS id
MATCH (e:Employee {id: id})
RETURN e {.id, .name, .title, .team, manager: [(e)-[:REPORTS_TO]->(m:Employee) | m.id][0],
          .emails, .capture_excluded, .active} AS row
