// How many users exist (make run creates the first admin only when there is none).
MATCH (u:User) RETURN count(u) AS users
