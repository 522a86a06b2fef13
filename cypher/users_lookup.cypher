// One user with the stored hash, for checking a password.
MATCH (u:User {username: $username})
RETURN u.username AS username, u.role AS role, u.employee AS employee, u.disabled AS disabled, u.hash AS hash
