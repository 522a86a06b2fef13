// Issue 13: which account claims each internet domain (accounts' `domains`), to group unknown addresses.
// A domain claimed by several accounts goes to the smallest id.
MATCH (a:Account) WHERE a.domains IS NOT NULL
UNWIND a.domains AS domain
WITH domain, a WHERE domain IN $domains
WITH domain, a ORDER BY a.id
RETURN domain, collect(a {.id, .name})[0] AS account
