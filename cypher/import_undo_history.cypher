// Rollback: remove the history states run $run appended for these ids.
CALL (){
  UNWIND $contacts AS id
  MATCH (s:ContactState {contact: id}) WHERE s.import_run = $run
  DELETE s
}
CALL (){
  UNWIND $roles AS pair
  MATCH (s:RoleState {opportunity: pair.opportunity, contact: pair.contact}) WHERE s.import_run = $run
  DELETE s
}
CALL (){
  UNWIND $ties AS pair
  MATCH (s:TieState {employee: pair.employee, contact: pair.contact}) WHERE s.import_run = $run
  DELETE s
}
// issue 17: deals, competitor ratings and reporting lines
CALL (){
  UNWIND $opportunities AS id
  MATCH (s:DealState {opportunity: id}) WHERE s.import_run = $run
  DELETE s
}
CALL (){
  UNWIND $opportunities AS id
  MATCH (s:CompeteState {opportunity: id}) WHERE s.import_run = $run
  DELETE s
}
CALL (){
  UNWIND $competitors AS id
  MATCH (s:CompeteState {competitor: id}) WHERE s.import_run = $run
  DELETE s
}
CALL (){
  UNWIND $line_contacts AS id
  MATCH (s:LineState {contact: id}) WHERE s.import_run = $run
  DELETE s
}
CALL (){
  UNWIND $line_contacts AS id
  MATCH (s:LineState {manager: id}) WHERE s.import_run = $run
  DELETE s
}
CALL (){
  UNWIND $contacts AS id
  MATCH (s:RoleState {contact: id}) WHERE s.import_run = $run
  DELETE s
}
