// How many domain nodes the database holds (restore needs an empty one unless replacing).
MATCH (n)
WHERE n:Account OR n:Department OR n:Contact OR n:Employee OR n:Circle OR n:Opportunity OR n:Competitor
   OR n:Activity
RETURN count(n) AS n
