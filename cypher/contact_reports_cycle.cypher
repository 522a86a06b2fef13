// Would a reporting line $from -> $to close a loop (is $from already above $to, or $to itself)?
RETURN EXISTS { MATCH (:Contact {id: $to})-[:REPORTS_TO*0..]->(:Contact {id: $from}) } AS cycle
