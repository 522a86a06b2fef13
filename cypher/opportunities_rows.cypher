// Opportunities as bundle rows, with their account (FOR) and owner (the employee who OWNS it).
UNWIND $ids AS id
MATCH (o:Opportunity {id: id})
RETURN o {.id, .name,
          account: [(o)-[:FOR]->(a:Account) | a.id][0],
          .amount, .stage, .grade, .compelling_event, .need_satisfaction,
          owner: [(e:Employee)-[:OWNS]->(o) | e.id][0],
          .close_date} AS row
