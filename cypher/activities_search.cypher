// Activities have no name: search their summary and type (case-insensitive substring), newest first.
MATCH (a:Activity)
WHERE toLower(coalesce(a.summary, '')) CONTAINS $q OR a.type = $q
WITH a.id AS id, a.date AS day
ORDER BY day DESC, id
WITH collect(id) AS ids
RETURN size(ids) AS total, ids[$offset..($offset + $limit)] AS ids
