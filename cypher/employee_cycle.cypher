// Would making $manager the manager of employee $id close a reporting loop?
RETURN EXISTS { MATCH (:Employee {id: $manager})-[:REPORTS_TO*0..]->(:Employee {id: $id}) } AS cycle
