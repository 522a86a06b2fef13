// Activities as bundle rows: who LOGGED it, WITH whom (sorted), ABOUT which opportunity.
UNWIND $ids AS id
MATCH (act:Activity {id: id})
RETURN act {.id,
            employee: [(e:Employee)-[:LOGGED]->(act) | e.id][0],
            contacts: COLLECT { MATCH (act)-[:WITH]->(c:Contact) RETURN c.id AS contact ORDER BY contact },
            opportunity: [(act)-[:ABOUT]->(o:Opportunity) | o.id][0],
            .type, .date, .summary} AS row
