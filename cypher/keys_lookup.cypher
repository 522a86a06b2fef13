// The stored hash, role and state of one key, for authenticating a request (and the user it belongs to, if any).
MATCH (k:ApiKey {id: $id})
OPTIONAL MATCH (u:User {username: k.user})
RETURN k.name AS name, k.role AS role, k.hash AS hash, k.revoked_at IS NOT NULL AS revoked,
       u.username AS user, u.employee AS employee, coalesce(u.disabled, false) AS user_disabled
