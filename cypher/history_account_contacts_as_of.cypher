// The contacts of an account as they were just before $until (latest ContactState present and in this
// account), with the KNOWS ties present then: the account's map read as of a past date.
MATCH (s:ContactState {account: $account}) WHERE s.at < $until
WITH DISTINCT s.contact AS cid
CALL (cid) {
  MATCH (x:ContactState {contact: cid}) WHERE x.at < $until
  RETURN x ORDER BY x.at DESC, x.version DESC LIMIT 1
}
WITH x WHERE x.present AND x.account = $account
CALL (x) {
  OPTIONAL MATCH (t:TieState {contact: x.contact}) WHERE t.at < $until
  WITH t.employee AS employee, t ORDER BY t.at DESC, t.version DESC
  WITH employee, head(collect(t)) AS latest
  WHERE latest IS NOT NULL AND latest.present
  RETURN collect({employee: employee, strength: latest.strength}) AS ties
}
RETURN x.contact AS id, x.attitude AS attitude, x.orientation AS orientation, x.importance AS importance,
       x.closeness AS closeness, x.solution_acceptance AS solution_acceptance,
       x.price_acceptance AS price_acceptance, x.at AS since, ties
ORDER BY id
