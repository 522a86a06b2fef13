// Mark the history states this batch appended with the run, so a rollback can remove exactly them.
// Every lookup names each property of a composite index (`IS NOT NULL` for the ones it does not fix) or
// hints it: without that the planner took a label scan (LineState, CompeteState) or the ContactState(at)
// index, i.e. every state of the whole import so far, for each id (issue 16: quadratic in the import size).
CALL (){
  UNWIND $contacts AS id
  MATCH (s:ContactState) USING INDEX s:ContactState(contact, at)
  WHERE s.contact = id AND s.at = $at AND s.import_run IS NULL
  SET s.import_run = $run
}
CALL (){
  UNWIND $roles AS pair
  MATCH (s:RoleState) USING INDEX s:RoleState(opportunity, contact, at)
  WHERE s.opportunity = pair.opportunity AND s.contact = pair.contact AND s.at = $at AND s.import_run IS NULL
  SET s.import_run = $run
}
CALL (){
  UNWIND $ties AS pair
  MATCH (s:TieState) USING INDEX s:TieState(employee, contact, at)
  WHERE s.employee = pair.employee AND s.contact = pair.contact AND s.at = $at AND s.import_run IS NULL
  SET s.import_run = $run
}
// issue 17: deals, competitor ratings and reporting lines (states of the moved contacts' roles too)
CALL (){
  UNWIND $opportunities AS id
  MATCH (s:DealState) USING INDEX s:DealState(opportunity, at)
  WHERE s.opportunity = id AND s.at = $at AND s.import_run IS NULL
  SET s.import_run = $run
}
CALL (){
  UNWIND $opportunities AS id
  MATCH (s:CompeteState) USING INDEX s:CompeteState(opportunity, competitor, at)
  WHERE s.opportunity = id AND s.competitor IS NOT NULL AND s.at = $at AND s.import_run IS NULL
  SET s.import_run = $run
}
CALL (){
  UNWIND $competitors AS id
  MATCH (s:CompeteState) USING INDEX s:CompeteState(competitor)
  WHERE s.competitor = id AND s.at = $at AND s.import_run IS NULL
  SET s.import_run = $run
}
CALL (){
  UNWIND $line_contacts AS id
  MATCH (s:LineState) USING INDEX s:LineState(contact, manager, at)
  WHERE s.contact = id AND s.manager IS NOT NULL AND s.at = $at AND s.import_run IS NULL
  SET s.import_run = $run
}
CALL (){
  UNWIND $line_contacts AS id
  MATCH (s:LineState) USING INDEX s:LineState(manager)
  WHERE s.manager = id AND s.at = $at AND s.import_run IS NULL
  SET s.import_run = $run
}
CALL (){
  UNWIND $contacts AS id
  MATCH (s:RoleState) USING INDEX s:RoleState(contact)
  WHERE s.contact = id AND s.at = $at AND s.import_run IS NULL
  SET s.import_run = $run
}
