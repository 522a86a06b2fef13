// The coaching notes of one ISO week for the given deals (issue 17).
MATCH (n:CoachingNote {week: $week})
WHERE n.opportunity IN $opportunities
RETURN n.opportunity AS opportunity, n.text AS text, n.author AS author
