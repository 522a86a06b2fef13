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
