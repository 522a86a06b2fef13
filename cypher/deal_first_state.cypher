// When the first snapshot of each deal of $opportunities was taken (null: none, the deal predates history)
// (issue 17).
UNWIND $opportunities AS opportunity
OPTIONAL MATCH (s:DealState {opportunity: opportunity})
RETURN opportunity, min(s.at) AS first
