// Key-account score (综合累计积分法, domain.md section 8): the weighted sum of revenue, potential,
// demonstration and winnability; a missing component counts as 0 and is named in `missing`.
// Best first, ties by name then id; the top-X% cut is made by the caller.
MATCH (a:Account)
WITH a, [k IN ['revenue', 'potential', 'demonstration', 'winnability'] WHERE a[k] IS NULL] AS missing
RETURN a.id AS id, a.name AS name, a.region AS region, a.revenue AS revenue, a.potential AS potential,
       a.demonstration AS demonstration, a.winnability AS winnability, missing,
       coalesce(a.revenue, 0) * $w.revenue + coalesce(a.potential, 0) * $w.potential
       + coalesce(a.demonstration, 0) * $w.demonstration + coalesce(a.winnability, 0) * $w.winnability AS score
ORDER BY score DESC, name, id
