// Benchmark: the ids of contacts and of opportunities, sorted, to draw random targets from (seeded, reproducible).
CALL () { MATCH (c:Contact) RETURN collect(c.id) AS contacts }
CALL () { MATCH (o:Opportunity) RETURN collect(o.id) AS opportunities }
RETURN contacts, opportunities
