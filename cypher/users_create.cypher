// Store a new user (argon2 hash of the password only); fails on the username constraint if taken.
CREATE (u:User {username: $username, hash: $hash, role: $role, employee: $employee, disabled: false,
                created_at: datetime()})
RETURN u.username AS username, u.role AS role, u.employee AS employee, u.disabled AS disabled,
       toString(u.created_at) AS created_at, toString(u.disabled_at) AS disabled_at
