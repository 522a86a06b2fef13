// Restore --replace: remove every domain node (API keys, the audit trail and history snapshots stay).
MATCH (n)
WHERE n:Account OR n:Department OR n:Contact OR n:Employee OR n:Circle OR n:Opportunity OR n:Competitor
   OR n:Activity OR n:EmailAddress
DETACH DELETE n
