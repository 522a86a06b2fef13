MATCH (o:Opportunity {id: $id})
OPTIONAL MATCH (o)-[:FOR]->(a:Account)
RETURN o.id AS id, o.name AS name, o.stage AS stage, o.amount AS amount, a.id AS account
