// Issue 15: the token of the last committed write (null before the first write through app.db.graph).
OPTIONAL MATCH (v:GraphVersion {id: 'graph'})
RETURN v.token AS token, v.version AS version
