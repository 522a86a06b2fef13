// My name, my deals (I OWN them) and my accounts (of my deals, or where I KNOW someone), each by name.
MATCH (me:Employee {id: $employee})
CALL (me) {
  OPTIONAL MATCH (me)-[:OWNS]->(o:Opportunity)
  OPTIONAL MATCH (o)-[:FOR]->(a:Account)
  WITH o, a ORDER BY o.name, o.id
  RETURN [row IN collect(CASE WHEN o IS NULL THEN null
          ELSE {id: o.id, name: o.name, stage: o.stage, account: a.id} END) WHERE row IS NOT NULL] AS deals
}
CALL (me) {
  OPTIONAL MATCH (me)-[:OWNS]->(:Opportunity)-[:FOR]->(owned:Account)
  WITH me, collect(DISTINCT owned) AS owned
  OPTIONAL MATCH (me)-[:KNOWS]->(:Contact)-[:WORKS_AT]->(known:Account)
  WITH owned, collect(DISTINCT known) AS known
  UNWIND owned + known AS a
  WITH DISTINCT a ORDER BY a.name, a.id
  RETURN collect({id: a.id, name: a.name}) AS accounts
}
RETURN me.name AS name, deals, accounts
