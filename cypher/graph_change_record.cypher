// Issue 15: what this write transaction changed, for the company-wide views (app.services.graph_changes):
// the ids of the contacts, employees, accounts and opportunities it touched, recorded in the SAME
// transaction as the write and stamped with the version and tokens its bump (graph_version_bump) set.
// A version without any record, or with one marked `unknown` (a part of the write that could not list its
// changes), means "unknown change": readers then rebuild from the whole graph.
// Records older than $keep versions are dropped here (a reader that far behind rebuilds anyway).
MATCH (v:GraphVersion {id: 'graph'})
CREATE (:GraphChange {version: v.version, token: v.token, previous: v.previous, contacts: $contacts,
                      employees: $employees, accounts: $accounts, opportunities: $opportunities,
                      renamed: $renamed, others: $others, unknown: $unknown})
WITH v
OPTIONAL MATCH (old:GraphChange) WHERE old.version <= v.version - $keep
DETACH DELETE old
