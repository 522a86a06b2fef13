// Issue 15: the reach graph of ONE account's contacts, for the in-memory reach (app.services.reach_memory): per
// contact its fields as the reach answer shows them, the customer-side steps INTO it (INFLUENCES from v, REPORTS_TO of v to it, REPORTS_TO of it
// to v: the same three kinds as cypher/reach.cypher, weights resolved by the service), its circles, and the
// employees who KNOW it (strength, and the employee as the answer shows them). `border`: the contact has a customer-side neighbour outside the account
// (influence, a reporting line, a circle shared with someone elsewhere): a search that steps through it falls back
// to cypher/reach.cypher, so paths leaving the account are never missed.
MATCH (acc:Account {id: $account})<-[:WORKS_AT]-(c:Contact)
RETURN c {.id, .name, .title, .attitude, .orientation, .importance, account: acc.id} AS contact,
       [(v:Contact)-[r:INFLUENCES]->(c) WHERE v <> c | [v.id, r.strength]] AS influenced_by,
       [(v:Contact)-[:REPORTS_TO]->(c) WHERE v <> c | v.id] AS reports,
       [(c)-[:REPORTS_TO]->(v:Contact) WHERE v <> c | v.id] AS managers,
       [(c)-[:MEMBER_OF]->(ci:Circle) | ci.id] AS circles,
       [(e:Employee)-[k:KNOWS]->(c) | [k.strength, e {.id, .name, .title, .team}]] AS knowers,
       EXISTS { (c)-[:INFLUENCES|REPORTS_TO]-(v:Contact) WHERE NOT (v)-[:WORKS_AT]->(acc) }
         OR EXISTS { (c)-[:MEMBER_OF]->(:Circle)<-[:MEMBER_OF]-(v:Contact) WHERE NOT (v)-[:WORKS_AT]->(acc) } AS border
