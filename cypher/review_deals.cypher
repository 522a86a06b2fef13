// Candidate deals of a weekly review (issue 17): opportunities not won or lost now, of one owner and/or of the
// owners in one team (null: no filter), the largest first, at most $limit (the caller asks for one more
// than it shows, to tell that the list was cut).
MATCH (o:Opportunity)
WHERE NOT coalesce(o.stage, '') IN ['won', 'lost']
OPTIONAL MATCH (e:Employee)-[:OWNS]->(o)
WITH o, e WHERE ($owner IS NULL OR e.id = $owner) AND ($team IS NULL OR e.team = $team)
OPTIONAL MATCH (o)-[:FOR]->(a:Account)
RETURN o.id AS id, o.name AS name, e.id AS owner, e.name AS owner_name, a.id AS account, a.name AS account_name
ORDER BY coalesce(o.amount, 0) DESC, id
LIMIT $limit
