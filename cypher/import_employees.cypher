// Upsert our employees (manager links in import_employee_managers, once all exist).
UNWIND $rows AS row
MERGE (e:Employee {id: row.id})
SET e.name = row.name, e.title = row.title, e.team = row.team,
    e.emails = CASE WHEN row.emails = [] THEN null ELSE row.emails END, e.capture_excluded = row.capture_excluded,
    e.active = row.active
