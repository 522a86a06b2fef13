// Re-hash a password with current argon2 parameters after a successful sign-in (sessions stay).
MATCH (u:User {username: $username})
SET u.hash = $hash
RETURN u.username AS username
