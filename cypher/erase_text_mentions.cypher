// Replace the erased person's name and addresses in every text (or list of texts) property of every
// node and relationship: activity summaries, captured addresses, notes written by other tools.
CALL () {
  MATCH (n)
  UNWIND keys(n) AS key
  WITH n, key, n[key] AS value
  WHERE (value IS :: STRING AND any(v IN $values WHERE value CONTAINS v))
     OR (value IS :: LIST<STRING NOT NULL> AND any(item IN value WHERE any(v IN $values WHERE item CONTAINS v)))
  SET n[key] = CASE WHEN value IS :: STRING
                    THEN reduce(s = value, v IN $values | replace(s, v, $mark))
                    ELSE [item IN value | reduce(s = item, v IN $values | replace(s, v, $mark))] END
  RETURN count(*) AS nodes
}
CALL () {
  MATCH ()-[r]->()
  UNWIND keys(r) AS key
  WITH r, key, r[key] AS value
  WHERE (value IS :: STRING AND any(v IN $values WHERE value CONTAINS v))
     OR (value IS :: LIST<STRING NOT NULL> AND any(item IN value WHERE any(v IN $values WHERE item CONTAINS v)))
  SET r[key] = CASE WHEN value IS :: STRING
                    THEN reduce(s = value, v IN $values | replace(s, v, $mark))
                    ELSE [item IN value | reduce(s = item, v IN $values | replace(s, v, $mark))] END
  RETURN count(*) AS relationships
}
RETURN nodes, relationships
