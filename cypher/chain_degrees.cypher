// Decision-chain averages (domain.md section 4), one row per degree: a member's value is the ROLE_IN value
// if set, else the contact's overall value, else missing. weighted_mean weights by role ($w_<role>).
// Rows per opportunity of $opportunities (one deal, or every deal of a weekly review) and degree; none
// for an opportunity that does not exist.
UNWIND $opportunities AS opportunity_id
MATCH (o:Opportunity {id: opportunity_id})
OPTIONAL MATCH (c:Contact)-[r:ROLE_IN]->(o)
WITH o, c, r, CASE r.role WHEN 'approver' THEN $w_approver WHEN 'decision_maker' THEN $w_decision_maker
                       WHEN 'evaluator' THEN $w_evaluator WHEN 'user' THEN $w_user ELSE 0 END AS weight
UNWIND ['closeness', 'solution_acceptance', 'price_acceptance'] AS degree
WITH o, degree, c, weight, coalesce(r[degree], c[degree]) AS value
WITH o.id AS opportunity, degree, count(c) AS members, count(value) AS n, avg(value) AS mean,
     sum(CASE WHEN value IS NULL THEN 0.0 ELSE weight * value END) AS weighted_sum,
     sum(CASE WHEN value IS NULL THEN 0.0 ELSE weight END) AS weight_sum
RETURN opportunity, degree, mean, CASE WHEN weight_sum > 0 THEN weighted_sum / weight_sum END AS weighted_mean,
       n, members - n AS missing
