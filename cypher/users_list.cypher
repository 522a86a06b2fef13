// Every user, by username, without hashes.
MATCH (u:User)
RETURN u.username AS username, u.role AS role, u.employee AS employee, u.disabled AS disabled,
       toString(u.created_at) AS created_at, toString(u.disabled_at) AS disabled_at
ORDER BY u.username
