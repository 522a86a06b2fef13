// Reporting lines between contacts as bundle rows, sorted.
MATCH (a:Contact)-[r:REPORTS_TO]->(b:Contact)
RETURN {`from`: a.id, to: b.id, dotted: r.dotted} AS row
ORDER BY a.id, b.id
