// Activities this employee logged (an activity needs its employee).
MATCH (e:Employee {id: $id})
RETURN {activities: COUNT { (e)-[:LOGGED]->(:Activity) }} AS blockers
