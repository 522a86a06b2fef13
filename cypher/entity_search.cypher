// Name search through the full-text index (the Lucene query is built and escaped by app.services.search),
// restricted to one label; best match first, then id. One page of ids and the number of matches.
CALL db.index.fulltext.queryNodes('entity_names', $lucene) YIELD node, score
WHERE $label IN labels(node)
WITH node.id AS id, score
ORDER BY score DESC, id
WITH collect(id) AS ids
RETURN size(ids) AS total, ids[$offset..($offset + $limit)] AS ids
