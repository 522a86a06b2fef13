MATCH (e:Employee {id: $id}) RETURN e.id AS id, e.name AS name, e.title AS title, e.team AS team
