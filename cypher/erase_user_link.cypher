// A sign-in user linked to an erased employee keeps the login but no longer names the person (issue 14).
MATCH (u:User {employee: $id})
SET u.employee = null
RETURN count(u) AS users
