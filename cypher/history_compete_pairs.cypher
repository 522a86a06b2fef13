// (competitor, opportunity) pairs for a history capture: current COMPETES_IN edges plus pairs with states,
// for the given competitors and/or opportunities (both lists null: all pairs).
// The "all" branches start from an UNWIND that is empty unless both lists are null (a WHERE on the
// parameters ran after a full label scan on every call; issue 16).
UNWIND CASE WHEN $competitors IS NULL AND $opportunities IS NULL THEN [true] ELSE [] END AS everything
MATCH (k:Competitor)-[:COMPETES_IN]->(o:Opportunity)
RETURN k.id AS competitor, o.id AS opportunity
UNION
UNWIND CASE WHEN $competitors IS NULL AND $opportunities IS NULL THEN [true] ELSE [] END AS everything
MATCH (s:CompeteState)
RETURN s.competitor AS competitor, s.opportunity AS opportunity
UNION
UNWIND coalesce($competitors, []) AS id
MATCH (k:Competitor {id: id})-[:COMPETES_IN]->(o:Opportunity) RETURN k.id AS competitor, o.id AS opportunity
UNION
UNWIND coalesce($competitors, []) AS id
MATCH (s:CompeteState {competitor: id}) RETURN s.competitor AS competitor, s.opportunity AS opportunity
UNION
UNWIND coalesce($opportunities, []) AS id
MATCH (k:Competitor)-[:COMPETES_IN]->(o:Opportunity {id: id}) RETURN k.id AS competitor, o.id AS opportunity
UNION
UNWIND coalesce($opportunities, []) AS id
MATCH (s:CompeteState {opportunity: id}) WHERE s.competitor IS NOT NULL AND s.at IS NOT NULL
RETURN s.competitor AS competitor, s.opportunity AS opportunity
