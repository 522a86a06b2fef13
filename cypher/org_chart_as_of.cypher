// An account's people as they were just before $until (latest ContactState present and in this account:
// department, left_at) and every recorded LineState from them (issue 17); validity is worked out from the
// line states in app.services.org_chart.
MATCH (s:ContactState {account: $account}) WHERE s.at < $until
WITH DISTINCT s.contact AS cid
CALL (cid) {
  MATCH (x:ContactState {contact: cid}) WHERE x.at < $until
  RETURN x ORDER BY x.at DESC, x.version DESC LIMIT 1
}
WITH x WHERE x.present AND x.account = $account
WITH x ORDER BY x.contact
WITH collect(x {id: x.contact, .name, .department, .left_at}) AS people
RETURN people,
       COLLECT {
         UNWIND people AS p
         MATCH (l:LineState {contact: p.id}) WHERE l.manager IS NOT NULL AND l.at IS NOT NULL
         RETURN l {.contact, .manager, .present, .dotted, .at, .version} AS line
         ORDER BY l.contact, l.manager, l.at, l.version
       } AS lines
