// Benchmark: every reporting line (dotted or not) between contacts, for the NetworkX copy.
MATCH (a:Contact)-[:REPORTS_TO]->(b:Contact)
RETURN a.id AS src, b.id AS dst
