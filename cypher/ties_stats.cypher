// Issue 13: what each (employee, contact) pair's derived tie is computed from (docs/ties.md), as of $as_of.
// An activity links a pair when the employee LOGGED or PARTICIPATED in it and it is WITH the contact, except
// that an email sent by an employee (outbound) counts for its sender only, and an email from a contact
// (inbound) for the employees who received it from that contact. Activities that do not count toward ties
// (counts_for_ties false: too many outside people, unknown sender) are left out. Channels: meeting (also
// visit, meal, event), call, email; counts are over ($window_start, $as_of], the last contact over all time.
// $batch: [{employee, contacts}], contacts null = every contact of that employee.
UNWIND $batch AS item
MATCH (e:Employee {id: item.employee})
CALL (e, item) {
  MATCH (e)-[r:LOGGED|PARTICIPATED]->(act:Activity)-[:WITH]->(c:Contact)
  WHERE act.date <= $as_of AND coalesce(act.counts_for_ties, true)
    AND (item.contacts IS NULL OR c.id IN item.contacts)
    AND CASE act.direction WHEN 'outbound' THEN type(r) = 'LOGGED' WHEN 'inbound' THEN act.sender = c.id
        ELSE true END
  WITH c, act, act.date > $window_start AS recent,
       CASE act.type WHEN 'call' THEN 'call' WHEN 'email' THEN 'email' ELSE 'meeting' END AS channel
  RETURN c.id AS contact, max(act.date) AS last,
         count(CASE WHEN recent AND channel = 'meeting' THEN 1 END) AS meetings,
         count(CASE WHEN recent AND channel = 'call' THEN 1 END) AS calls,
         count(CASE WHEN recent AND channel = 'email' AND coalesce(act.direction, 'outbound') = 'outbound'
               THEN 1 END) AS emails_out,
         count(CASE WHEN recent AND channel = 'email' AND act.direction = 'inbound' THEN 1 END) AS emails_in
}
RETURN e.id AS employee, contact, last, meetings, calls, emails_out, emails_in
