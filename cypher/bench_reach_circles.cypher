// Benchmark: circle memberships (two members of one circle are one reach step apart), for the NetworkX copy.
MATCH (c:Contact)-[:MEMBER_OF]->(ci:Circle)
RETURN c.id AS contact, ci.id AS circle
