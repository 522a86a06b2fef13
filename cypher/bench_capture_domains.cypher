// Benchmark (issue 13 capture at S, on a reused S database): each account claims the domain `<id>.example`,
// as capture_bench's generated bundles do (the import writes `domains` the same way: a list on the account).
UNWIND $ids AS id
MATCH (a:Account {id: id})
SET a.domains = [id + '.example']
