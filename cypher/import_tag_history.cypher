// Mark the history states this batch appended with the run, so a rollback can remove exactly them.
CALL (){
  UNWIND $contacts AS id
  MATCH (s:ContactState {contact: id}) WHERE s.at = $at AND s.import_run IS NULL
  SET s.import_run = $run
}
CALL (){
  UNWIND $roles AS pair
  MATCH (s:RoleState {opportunity: pair.opportunity, contact: pair.contact}) WHERE s.at = $at AND s.import_run IS NULL
  SET s.import_run = $run
}
CALL (){
  UNWIND $ties AS pair
  MATCH (s:TieState {employee: pair.employee, contact: pair.contact}) WHERE s.at = $at AND s.import_run IS NULL
  SET s.import_run = $run
}
// issue 17: deals, competitor ratings and reporting lines (states of the moved contacts' roles too)
CALL (){
  UNWIND $opportunities AS id
  MATCH (s:DealState {opportunity: id}) WHERE s.at = $at AND s.import_run IS NULL
  SET s.import_run = $run
}
CALL (){
  UNWIND $opportunities AS id
  MATCH (s:CompeteState {opportunity: id}) WHERE s.at = $at AND s.import_run IS NULL
  SET s.import_run = $run
}
CALL (){
  UNWIND $competitors AS id
  MATCH (s:CompeteState {competitor: id}) WHERE s.at = $at AND s.import_run IS NULL
  SET s.import_run = $run
}
CALL (){
  UNWIND $line_contacts AS id
  MATCH (s:LineState {contact: id}) WHERE s.at = $at AND s.import_run IS NULL
  SET s.import_run = $run
}
CALL (){
  UNWIND $line_contacts AS id
  MATCH (s:LineState {manager: id}) WHERE s.at = $at AND s.import_run IS NULL
  SET s.import_run = $run
}
CALL (){
  UNWIND $contacts AS id
  MATCH (s:RoleState {contact: id}) WHERE s.at = $at AND s.import_run IS NULL
  SET s.import_run = $run
}
