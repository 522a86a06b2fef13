// Issue 15 benchmark: every id of each kind the per-entity views are timed on.
CALL () { MATCH (n:Contact) RETURN collect(n.id) AS contacts }
CALL () { MATCH (n:Opportunity) RETURN collect(n.id) AS opportunities }
CALL () { MATCH (n:Account) RETURN collect(n.id) AS accounts }
CALL () { MATCH (n:Employee) RETURN collect(n.id) AS employees }
RETURN contacts, opportunities, accounts, employees
