// Rollback: delete the nodes (of label $label) that run $run created, with every link they carry.
UNWIND $ids AS id
CALL (id) { WITH id WHERE $label = 'Account' MATCH (n:Account {id: id}) DETACH DELETE n }
CALL (id) { WITH id WHERE $label = 'Department' MATCH (n:Department {id: id}) DETACH DELETE n }
CALL (id) { WITH id WHERE $label = 'Contact' MATCH (n:Contact {id: id}) DETACH DELETE n }
CALL (id) { WITH id WHERE $label = 'Employee' MATCH (n:Employee {id: id}) DETACH DELETE n }
CALL (id) { WITH id WHERE $label = 'Circle' MATCH (n:Circle {id: id}) DETACH DELETE n }
CALL (id) { WITH id WHERE $label = 'Opportunity' MATCH (n:Opportunity {id: id}) DETACH DELETE n }
CALL (id) { WITH id WHERE $label = 'Competitor' MATCH (n:Competitor {id: id}) DETACH DELETE n }
CALL (id) { WITH id WHERE $label = 'Activity' MATCH (n:Activity {id: id}) DETACH DELETE n }
