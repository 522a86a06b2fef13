// Benchmark: every contact with its overall attitude (reach passes no hostile intermediate), for the NetworkX copy.
MATCH (c:Contact)
RETURN c.id AS id, c.attitude AS attitude
