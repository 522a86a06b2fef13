// A new sign-in session: only the SHA-256 of the token is stored, with its expiry.
CREATE (s:Session {id: $id, username: $username, created_at: datetime(),
                   expires_at: datetime() + duration({seconds: $ttl_s}), address: $address})
RETURN toString(s.expires_at) AS expires_at
