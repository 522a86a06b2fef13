// What still hangs off an account (deleting it needs cascade=true while any is non-zero).
MATCH (a:Account {id: $id})
RETURN {departments: COUNT { (:Department)-[:PART_OF]->(a) },
        contacts: COUNT { (:Contact)-[:WORKS_AT]->(a) },
        circles: COUNT { (:Circle)-[:IN]->(a) },
        opportunities: COUNT { (:Opportunity)-[:FOR]->(a) }} AS blockers
