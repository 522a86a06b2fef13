// Warm path (domain.md section 5, existence only): can any employee reach each target contact at all?
// Same rules as cypher/reach.cypher (KNOWS, INFLUENCES in its direction, REPORTS_TO either way, a shared
// circle; at most $max_hops customer-side steps; contacts between the employee and the target not hostile
// unless $include_hostile; steps of weight 0 not taken) but no scores: a breadth-first walk backwards from
// the target over the contacts that could pass the target on, stopping at the first layer that holds a
// contact some employee KNOWS. Used for the decision chain's warm_path, KEY_PERSON_NO_WARM_PATH and the
// account map, where reach's best paths are not needed. The five step blocks are identical but for
// their number (tests/unit/test_intelligence_pure.py checks it).
UNWIND $contact_ids AS target_id
MATCH (t:Contact {id: target_id})
CALL (t) {
  WITH [t] AS seen, [t] AS frontier,
       EXISTS { (e:Employee)-[k:KNOWS]->(t) WHERE coalesce(k.strength, $w_knows) > 0 } AS found
  // ---- customer-side step 1 (a no-op when $max_hops < 1 or a path was found) ----
  CALL (frontier, found) {
   CALL (frontier, found) {
    UNWIND CASE WHEN $max_hops >= 1 AND NOT found THEN frontier ELSE [] END AS u
    CALL (u) {
      MATCH (v:Contact)-[r:INFLUENCES]->(u) WHERE coalesce(r.strength, $w_influences) > 0 RETURN v
      UNION
      MATCH (v:Contact)-[:REPORTS_TO]->(u) WHERE $w_up > 0 RETURN v
      UNION
      MATCH (u)-[:REPORTS_TO]->(v:Contact) WHERE $w_down > 0 RETURN v
    }
    RETURN v
    UNION
    UNWIND CASE WHEN $max_hops >= 1 AND NOT found AND $w_circle > 0 THEN frontier ELSE [] END AS u
    MATCH (u)-[:MEMBER_OF]->(ci:Circle)
    WITH DISTINCT ci
    MATCH (v:Contact)-[:MEMBER_OF]->(ci)
    RETURN v
   }
   RETURN collect(DISTINCT v) AS candidates
  }
  WITH seen, found, [v IN candidates WHERE NOT v IN seen
                     AND ($include_hostile OR NOT coalesce(v.attitude, '') IN $hostile)] AS frontier
  WITH seen + frontier AS seen, frontier,
       found OR any(c IN frontier WHERE EXISTS { (e:Employee)-[k:KNOWS]->(c) WHERE coalesce(k.strength, $w_knows) > 0 }) AS found
  // ---- customer-side step 2 (a no-op when $max_hops < 2 or a path was found) ----
  CALL (frontier, found) {
   CALL (frontier, found) {
    UNWIND CASE WHEN $max_hops >= 2 AND NOT found THEN frontier ELSE [] END AS u
    CALL (u) {
      MATCH (v:Contact)-[r:INFLUENCES]->(u) WHERE coalesce(r.strength, $w_influences) > 0 RETURN v
      UNION
      MATCH (v:Contact)-[:REPORTS_TO]->(u) WHERE $w_up > 0 RETURN v
      UNION
      MATCH (u)-[:REPORTS_TO]->(v:Contact) WHERE $w_down > 0 RETURN v
    }
    RETURN v
    UNION
    UNWIND CASE WHEN $max_hops >= 2 AND NOT found AND $w_circle > 0 THEN frontier ELSE [] END AS u
    MATCH (u)-[:MEMBER_OF]->(ci:Circle)
    WITH DISTINCT ci
    MATCH (v:Contact)-[:MEMBER_OF]->(ci)
    RETURN v
   }
   RETURN collect(DISTINCT v) AS candidates
  }
  WITH seen, found, [v IN candidates WHERE NOT v IN seen
                     AND ($include_hostile OR NOT coalesce(v.attitude, '') IN $hostile)] AS frontier
  WITH seen + frontier AS seen, frontier,
       found OR any(c IN frontier WHERE EXISTS { (e:Employee)-[k:KNOWS]->(c) WHERE coalesce(k.strength, $w_knows) > 0 }) AS found
  // ---- customer-side step 3 (a no-op when $max_hops < 3 or a path was found) ----
  CALL (frontier, found) {
   CALL (frontier, found) {
    UNWIND CASE WHEN $max_hops >= 3 AND NOT found THEN frontier ELSE [] END AS u
    CALL (u) {
      MATCH (v:Contact)-[r:INFLUENCES]->(u) WHERE coalesce(r.strength, $w_influences) > 0 RETURN v
      UNION
      MATCH (v:Contact)-[:REPORTS_TO]->(u) WHERE $w_up > 0 RETURN v
      UNION
      MATCH (u)-[:REPORTS_TO]->(v:Contact) WHERE $w_down > 0 RETURN v
    }
    RETURN v
    UNION
    UNWIND CASE WHEN $max_hops >= 3 AND NOT found AND $w_circle > 0 THEN frontier ELSE [] END AS u
    MATCH (u)-[:MEMBER_OF]->(ci:Circle)
    WITH DISTINCT ci
    MATCH (v:Contact)-[:MEMBER_OF]->(ci)
    RETURN v
   }
   RETURN collect(DISTINCT v) AS candidates
  }
  WITH seen, found, [v IN candidates WHERE NOT v IN seen
                     AND ($include_hostile OR NOT coalesce(v.attitude, '') IN $hostile)] AS frontier
  WITH seen + frontier AS seen, frontier,
       found OR any(c IN frontier WHERE EXISTS { (e:Employee)-[k:KNOWS]->(c) WHERE coalesce(k.strength, $w_knows) > 0 }) AS found
  // ---- customer-side step 4 (a no-op when $max_hops < 4 or a path was found) ----
  CALL (frontier, found) {
   CALL (frontier, found) {
    UNWIND CASE WHEN $max_hops >= 4 AND NOT found THEN frontier ELSE [] END AS u
    CALL (u) {
      MATCH (v:Contact)-[r:INFLUENCES]->(u) WHERE coalesce(r.strength, $w_influences) > 0 RETURN v
      UNION
      MATCH (v:Contact)-[:REPORTS_TO]->(u) WHERE $w_up > 0 RETURN v
      UNION
      MATCH (u)-[:REPORTS_TO]->(v:Contact) WHERE $w_down > 0 RETURN v
    }
    RETURN v
    UNION
    UNWIND CASE WHEN $max_hops >= 4 AND NOT found AND $w_circle > 0 THEN frontier ELSE [] END AS u
    MATCH (u)-[:MEMBER_OF]->(ci:Circle)
    WITH DISTINCT ci
    MATCH (v:Contact)-[:MEMBER_OF]->(ci)
    RETURN v
   }
   RETURN collect(DISTINCT v) AS candidates
  }
  WITH seen, found, [v IN candidates WHERE NOT v IN seen
                     AND ($include_hostile OR NOT coalesce(v.attitude, '') IN $hostile)] AS frontier
  WITH seen + frontier AS seen, frontier,
       found OR any(c IN frontier WHERE EXISTS { (e:Employee)-[k:KNOWS]->(c) WHERE coalesce(k.strength, $w_knows) > 0 }) AS found
  // ---- customer-side step 5 (a no-op when $max_hops < 5 or a path was found) ----
  CALL (frontier, found) {
   CALL (frontier, found) {
    UNWIND CASE WHEN $max_hops >= 5 AND NOT found THEN frontier ELSE [] END AS u
    CALL (u) {
      MATCH (v:Contact)-[r:INFLUENCES]->(u) WHERE coalesce(r.strength, $w_influences) > 0 RETURN v
      UNION
      MATCH (v:Contact)-[:REPORTS_TO]->(u) WHERE $w_up > 0 RETURN v
      UNION
      MATCH (u)-[:REPORTS_TO]->(v:Contact) WHERE $w_down > 0 RETURN v
    }
    RETURN v
    UNION
    UNWIND CASE WHEN $max_hops >= 5 AND NOT found AND $w_circle > 0 THEN frontier ELSE [] END AS u
    MATCH (u)-[:MEMBER_OF]->(ci:Circle)
    WITH DISTINCT ci
    MATCH (v:Contact)-[:MEMBER_OF]->(ci)
    RETURN v
   }
   RETURN collect(DISTINCT v) AS candidates
  }
  WITH seen, found, [v IN candidates WHERE NOT v IN seen
                     AND ($include_hostile OR NOT coalesce(v.attitude, '') IN $hostile)] AS frontier
  WITH seen + frontier AS seen, frontier,
       found OR any(c IN frontier WHERE EXISTS { (e:Employee)-[k:KNOWS]->(c) WHERE coalesce(k.strength, $w_knows) > 0 }) AS found
  RETURN found
}
RETURN t.id AS id, found AS warm
