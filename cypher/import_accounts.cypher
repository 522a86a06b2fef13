// Upsert accounts; the row is authoritative (a property left out is removed).
UNWIND $rows AS row
MERGE (a:Account {id: row.id})
SET a.name = row.name, a.industry = row.industry, a.region = row.region,
    a.revenue = row.revenue, a.potential = row.potential,
    a.demonstration = row.demonstration, a.winnability = row.winnability,
    a.domains = CASE WHEN row.domains = [] THEN null ELSE row.domains END,
    a.annual_revenue = row.annual_revenue
