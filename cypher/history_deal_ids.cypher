// "All deals" for a history capture: every current opportunity plus every one that has states.
MATCH (o:Opportunity) RETURN o.id AS id
UNION
MATCH (s:DealState) RETURN s.opportunity AS id
