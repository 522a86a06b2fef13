// Issue 15 benchmark: an account's contacts (top = reports to nobody: its CEO) and its deals.
MATCH (a:Account {id: $account})
CALL (a) { MATCH (c:Contact)-[:WORKS_AT]->(a)
           RETURN collect({id: c.id, top: NOT EXISTS { (c)-[:REPORTS_TO]->(:Contact) }}) AS contacts }
CALL (a) { MATCH (o:Opportunity)-[:FOR]->(a) WITH o ORDER BY o.id RETURN collect(o.id) AS deals }
RETURN contacts, deals
