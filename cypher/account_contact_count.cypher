// Issue 15: how many contacts work at an account (app.services.reach_memory keeps big accounts in memory).
MATCH (a:Account {id: $account})
RETURN COUNT { (a)<-[:WORKS_AT]-(:Contact) } AS contacts
