// When the first snapshot of a deal was taken (null: none, the deal predates history) (issue 17).
OPTIONAL MATCH (s:DealState {opportunity: $opportunity})
RETURN min(s.at) AS first
