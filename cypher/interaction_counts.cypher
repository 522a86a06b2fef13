// Activities with each contact dated in (start, as_of]; only those ABOUT $opportunity when it is given.
UNWIND $contact_ids AS contactId
MATCH (c:Contact {id: contactId})
RETURN contactId AS contact,
       COUNT {
         MATCH (a:Activity)-[:WITH]->(c)
         WHERE a.date > $start AND a.date <= $as_of
           AND ($opportunity IS NULL OR EXISTS { (a)-[:ABOUT]->(:Opportunity {id: $opportunity}) })
       } AS n
