// Rollback: remove the history states run $run appended for these ids.
// Each lookup names every property of its (composite) index, `IS NOT NULL` for those it does not fix, and hints
// it: `{contact: id}` alone was a label scan of every state per id (issue 16: a rollback of a big import would
// read all the import's states once per row).
CALL (){
  UNWIND $contacts AS id
  MATCH (s:ContactState) USING INDEX s:ContactState(contact, at)
  WHERE s.contact = id AND s.at IS NOT NULL AND s.import_run = $run
  DELETE s
}
CALL (){
  UNWIND $roles AS pair
  MATCH (s:RoleState) USING INDEX s:RoleState(opportunity, contact, at)
  WHERE s.opportunity = pair.opportunity AND s.contact = pair.contact AND s.at IS NOT NULL AND s.import_run = $run
  DELETE s
}
CALL (){
  UNWIND $ties AS pair
  MATCH (s:TieState) USING INDEX s:TieState(employee, contact, at)
  WHERE s.employee = pair.employee AND s.contact = pair.contact AND s.at IS NOT NULL AND s.import_run = $run
  DELETE s
}
// issue 17: deals, competitor ratings and reporting lines
CALL (){
  UNWIND $opportunities AS id
  MATCH (s:DealState) USING INDEX s:DealState(opportunity, at)
  WHERE s.opportunity = id AND s.at IS NOT NULL AND s.import_run = $run
  DELETE s
}
CALL (){
  UNWIND $opportunities AS id
  MATCH (s:CompeteState) USING INDEX s:CompeteState(opportunity, competitor, at)
  WHERE s.opportunity = id AND s.competitor IS NOT NULL AND s.at IS NOT NULL AND s.import_run = $run
  DELETE s
}
CALL (){
  UNWIND $competitors AS id
  MATCH (s:CompeteState) USING INDEX s:CompeteState(competitor)
  WHERE s.competitor = id AND s.import_run = $run
  DELETE s
}
CALL (){
  UNWIND $line_contacts AS id
  MATCH (s:LineState) USING INDEX s:LineState(contact, manager, at)
  WHERE s.contact = id AND s.manager IS NOT NULL AND s.at IS NOT NULL AND s.import_run = $run
  DELETE s
}
CALL (){
  UNWIND $line_contacts AS id
  MATCH (s:LineState) USING INDEX s:LineState(manager)
  WHERE s.manager = id AND s.import_run = $run
  DELETE s
}
CALL (){
  UNWIND $contacts AS id
  MATCH (s:RoleState) USING INDEX s:RoleState(contact)
  WHERE s.contact = id AND s.import_run = $run
  DELETE s
}
