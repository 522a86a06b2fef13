// Circles as bundle rows, with their account and members (sorted by contact id).
UNWIND $ids AS id
MATCH (ci:Circle {id: id})
RETURN ci {.id, .name,
           account: [(ci)-[:IN]->(a:Account) | a.id][0],
           members: COLLECT { MATCH (m:Contact)-[r:MEMBER_OF]->(ci)
                              RETURN {contact: m.id, role: r.role} AS member ORDER BY m.id }} AS row
