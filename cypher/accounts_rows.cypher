// Accounts as bundle rows (import-format.md), for the ids given, in that order.
UNWIND $ids AS id
MATCH (a:Account {id: id})
RETURN a {.id, .name, .industry, .region, .revenue, .potential, .demonstration, .winnability, .domains,
         .annual_revenue} AS row
