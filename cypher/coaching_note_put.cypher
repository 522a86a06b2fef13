// Create or replace the coaching note of one deal and week (issue 17); the audit trail keeps the old text.
MERGE (n:CoachingNote {id: $id})
SET n.opportunity = $opportunity, n.week = $week, n.text = $text, n.author = $author
RETURN n.opportunity AS opportunity, n.week AS week, n.text AS text, n.author AS author
