// Reach (domain.md section 5): for each target contact, the best path from each employee, top $limit.
// A path: Employee -KNOWS-> Contact, then at most $max_hops customer-side steps, ending at the target.
// Step weights: KNOWS strength (default $w_knows), INFLUENCES strength in its direction (default
// $w_influences), REPORTS_TO upward $w_up / downward $w_down, a shared circle $w_circle; score = product.
// Contacts strictly between the employee and the target (the KNOWS contact included) must not be hostile
// (overall attitude in $hostile) unless $include_hostile. Steps of weight 0 are not taken.
//
// How: a hop-bounded Bellman-Ford walked BACKWARDS from the target. `best` holds one state per contact:
// its best path TO the target (key = score rounded to 12 decimals, higher first; then fewer steps; then the
// path's ids in order). Each step block expands only the states found in the previous block (the frontier)
// and keeps, per contact, the better of its old state and the new candidates. Because every weight is
// <= 1, a best walk never repeats a node, so the best states are simple paths. Circle steps cost one row per
// member (not per pair): only the best two frontier members of a circle can be anyone's best predecessor.
// The five step blocks are identical except their number (tests/unit/test_intelligence_pure.py checks it);
// max_hops is a parameter, never spliced into the text.
// $floors (target id -> score, default 0): a score that at least $limit employees are known to reach (the
// service finds it with cheaper, shorter searches first). A candidate below it is dropped: every weight is
// <= 1, so nothing built on it can score higher, and every state at or above the floor is the same as without
// it (its predecessors are at or above it too), so the answer is unchanged; big accounts' searches shrink.
UNWIND $contact_ids AS target_id
MATCH (t:Contact {id: target_id})
CALL (t) {
  WITH t, coalesce($floors[t.id], 0.0) AS floor, [{n: t, id: t.id, score: 1.0, key: 1.0, steps: 0, path: [t.id], names: [t.name], types: [], weights: []}] AS best
// ---- customer-side step 1 (a no-op when $max_hops < 1) ----
  CALL (best, floor) {
    WITH floor, [s IN best WHERE s.steps = 0 AND $max_hops >= 1] AS frontier
    CALL (frontier) {
      UNWIND frontier AS f
      WITH f, f.n AS u
      CALL (u) {
        MATCH (v:Contact)-[r:INFLUENCES]->(u) RETURN v, 'INFLUENCES' AS type, 1 AS rank, coalesce(r.strength, $w_influences) AS w
        UNION ALL
        MATCH (v:Contact)-[:REPORTS_TO]->(u) RETURN v, 'REPORTS_TO_UP' AS type, 2 AS rank, $w_up AS w
        UNION ALL
        MATCH (u)-[:REPORTS_TO]->(v:Contact) RETURN v, 'REPORTS_TO_DOWN' AS type, 3 AS rank, $w_down AS w
      }
      RETURN v, type, rank, w, f
      UNION ALL
      // a shared circle: every member steps to the best frontier member of the circle (the second best for itself)
      UNWIND frontier AS f
      WITH f, f.n AS u
      MATCH (u)-[:MEMBER_OF]->(ci:Circle)
      WITH ci, f ORDER BY f.key DESC, f.steps, f.path
      WITH ci, collect(f)[0..2] AS top
      MATCH (v:Contact)-[:MEMBER_OF]->(ci)
      WITH v, CASE WHEN top[0].n = v THEN top[1] ELSE top[0] END AS f
      WHERE f IS NOT NULL
      RETURN v, 'SAME_CIRCLE' AS type, 4 AS rank, $w_circle AS w, f
    }
    WITH v, type, rank, w, f, floor
    WHERE w > 0 AND w * f.score >= floor AND v <> f.n AND NOT v.id IN f.path
      AND ($include_hostile OR NOT coalesce(v.attitude, '') IN $hostile)
      // on the last step only contacts some employee KNOWS can still matter
      AND ($max_hops > 1 OR EXISTS { (:Employee)-[:KNOWS]->(v) })
    WITH v, type, rank, w, f, w * f.score AS score
    WITH v, type, rank, w, f, score, round(score, 12) AS key
    ORDER BY key DESC, f.steps, f.path, rank
    // the best candidate per contact (first row of its group); its new path lists are built once, not per row
    WITH v, collect(f)[0] AS f, collect(type)[0] AS type, collect(w)[0] AS w, collect(score)[0] AS score,
         collect(key)[0] AS key
    RETURN collect({n: v, id: v.id, score: score, key: key, steps: f.steps + 1, path: [v.id] + f.path,
                    names: [v.name] + f.names, types: [type] + f.types, weights: [w] + f.weights}) AS found
  }
  CALL (best, found) {
    UNWIND CASE WHEN found = [] THEN [] ELSE best + found END AS s
    WITH s ORDER BY s.key DESC, s.steps, s.path
    WITH s.id AS id, collect(s)[0] AS s
    RETURN collect(s) AS merged
  }
  WITH t, floor, CASE WHEN found = [] THEN best ELSE merged END AS best
// ---- customer-side step 2 (a no-op when $max_hops < 2) ----
  CALL (best, floor) {
    WITH floor, [s IN best WHERE s.steps = 1 AND $max_hops >= 2] AS frontier
    CALL (frontier) {
      UNWIND frontier AS f
      WITH f, f.n AS u
      CALL (u) {
        MATCH (v:Contact)-[r:INFLUENCES]->(u) RETURN v, 'INFLUENCES' AS type, 1 AS rank, coalesce(r.strength, $w_influences) AS w
        UNION ALL
        MATCH (v:Contact)-[:REPORTS_TO]->(u) RETURN v, 'REPORTS_TO_UP' AS type, 2 AS rank, $w_up AS w
        UNION ALL
        MATCH (u)-[:REPORTS_TO]->(v:Contact) RETURN v, 'REPORTS_TO_DOWN' AS type, 3 AS rank, $w_down AS w
      }
      RETURN v, type, rank, w, f
      UNION ALL
      // a shared circle: every member steps to the best frontier member of the circle (the second best for itself)
      UNWIND frontier AS f
      WITH f, f.n AS u
      MATCH (u)-[:MEMBER_OF]->(ci:Circle)
      WITH ci, f ORDER BY f.key DESC, f.steps, f.path
      WITH ci, collect(f)[0..2] AS top
      MATCH (v:Contact)-[:MEMBER_OF]->(ci)
      WITH v, CASE WHEN top[0].n = v THEN top[1] ELSE top[0] END AS f
      WHERE f IS NOT NULL
      RETURN v, 'SAME_CIRCLE' AS type, 4 AS rank, $w_circle AS w, f
    }
    WITH v, type, rank, w, f, floor
    WHERE w > 0 AND w * f.score >= floor AND v <> f.n AND NOT v.id IN f.path
      AND ($include_hostile OR NOT coalesce(v.attitude, '') IN $hostile)
      // on the last step only contacts some employee KNOWS can still matter
      AND ($max_hops > 2 OR EXISTS { (:Employee)-[:KNOWS]->(v) })
    WITH v, type, rank, w, f, w * f.score AS score
    WITH v, type, rank, w, f, score, round(score, 12) AS key
    ORDER BY key DESC, f.steps, f.path, rank
    // the best candidate per contact (first row of its group); its new path lists are built once, not per row
    WITH v, collect(f)[0] AS f, collect(type)[0] AS type, collect(w)[0] AS w, collect(score)[0] AS score,
         collect(key)[0] AS key
    RETURN collect({n: v, id: v.id, score: score, key: key, steps: f.steps + 1, path: [v.id] + f.path,
                    names: [v.name] + f.names, types: [type] + f.types, weights: [w] + f.weights}) AS found
  }
  CALL (best, found) {
    UNWIND CASE WHEN found = [] THEN [] ELSE best + found END AS s
    WITH s ORDER BY s.key DESC, s.steps, s.path
    WITH s.id AS id, collect(s)[0] AS s
    RETURN collect(s) AS merged
  }
  WITH t, floor, CASE WHEN found = [] THEN best ELSE merged END AS best
// ---- customer-side step 3 (a no-op when $max_hops < 3) ----
  CALL (best, floor) {
    WITH floor, [s IN best WHERE s.steps = 2 AND $max_hops >= 3] AS frontier
    CALL (frontier) {
      UNWIND frontier AS f
      WITH f, f.n AS u
      CALL (u) {
        MATCH (v:Contact)-[r:INFLUENCES]->(u) RETURN v, 'INFLUENCES' AS type, 1 AS rank, coalesce(r.strength, $w_influences) AS w
        UNION ALL
        MATCH (v:Contact)-[:REPORTS_TO]->(u) RETURN v, 'REPORTS_TO_UP' AS type, 2 AS rank, $w_up AS w
        UNION ALL
        MATCH (u)-[:REPORTS_TO]->(v:Contact) RETURN v, 'REPORTS_TO_DOWN' AS type, 3 AS rank, $w_down AS w
      }
      RETURN v, type, rank, w, f
      UNION ALL
      // a shared circle: every member steps to the best frontier member of the circle (the second best for itself)
      UNWIND frontier AS f
      WITH f, f.n AS u
      MATCH (u)-[:MEMBER_OF]->(ci:Circle)
      WITH ci, f ORDER BY f.key DESC, f.steps, f.path
      WITH ci, collect(f)[0..2] AS top
      MATCH (v:Contact)-[:MEMBER_OF]->(ci)
      WITH v, CASE WHEN top[0].n = v THEN top[1] ELSE top[0] END AS f
      WHERE f IS NOT NULL
      RETURN v, 'SAME_CIRCLE' AS type, 4 AS rank, $w_circle AS w, f
    }
    WITH v, type, rank, w, f, floor
    WHERE w > 0 AND w * f.score >= floor AND v <> f.n AND NOT v.id IN f.path
      AND ($include_hostile OR NOT coalesce(v.attitude, '') IN $hostile)
      // on the last step only contacts some employee KNOWS can still matter
      AND ($max_hops > 3 OR EXISTS { (:Employee)-[:KNOWS]->(v) })
    WITH v, type, rank, w, f, w * f.score AS score
    WITH v, type, rank, w, f, score, round(score, 12) AS key
    ORDER BY key DESC, f.steps, f.path, rank
    // the best candidate per contact (first row of its group); its new path lists are built once, not per row
    WITH v, collect(f)[0] AS f, collect(type)[0] AS type, collect(w)[0] AS w, collect(score)[0] AS score,
         collect(key)[0] AS key
    RETURN collect({n: v, id: v.id, score: score, key: key, steps: f.steps + 1, path: [v.id] + f.path,
                    names: [v.name] + f.names, types: [type] + f.types, weights: [w] + f.weights}) AS found
  }
  CALL (best, found) {
    UNWIND CASE WHEN found = [] THEN [] ELSE best + found END AS s
    WITH s ORDER BY s.key DESC, s.steps, s.path
    WITH s.id AS id, collect(s)[0] AS s
    RETURN collect(s) AS merged
  }
  WITH t, floor, CASE WHEN found = [] THEN best ELSE merged END AS best
// ---- customer-side step 4 (a no-op when $max_hops < 4) ----
  CALL (best, floor) {
    WITH floor, [s IN best WHERE s.steps = 3 AND $max_hops >= 4] AS frontier
    CALL (frontier) {
      UNWIND frontier AS f
      WITH f, f.n AS u
      CALL (u) {
        MATCH (v:Contact)-[r:INFLUENCES]->(u) RETURN v, 'INFLUENCES' AS type, 1 AS rank, coalesce(r.strength, $w_influences) AS w
        UNION ALL
        MATCH (v:Contact)-[:REPORTS_TO]->(u) RETURN v, 'REPORTS_TO_UP' AS type, 2 AS rank, $w_up AS w
        UNION ALL
        MATCH (u)-[:REPORTS_TO]->(v:Contact) RETURN v, 'REPORTS_TO_DOWN' AS type, 3 AS rank, $w_down AS w
      }
      RETURN v, type, rank, w, f
      UNION ALL
      // a shared circle: every member steps to the best frontier member of the circle (the second best for itself)
      UNWIND frontier AS f
      WITH f, f.n AS u
      MATCH (u)-[:MEMBER_OF]->(ci:Circle)
      WITH ci, f ORDER BY f.key DESC, f.steps, f.path
      WITH ci, collect(f)[0..2] AS top
      MATCH (v:Contact)-[:MEMBER_OF]->(ci)
      WITH v, CASE WHEN top[0].n = v THEN top[1] ELSE top[0] END AS f
      WHERE f IS NOT NULL
      RETURN v, 'SAME_CIRCLE' AS type, 4 AS rank, $w_circle AS w, f
    }
    WITH v, type, rank, w, f, floor
    WHERE w > 0 AND w * f.score >= floor AND v <> f.n AND NOT v.id IN f.path
      AND ($include_hostile OR NOT coalesce(v.attitude, '') IN $hostile)
      // on the last step only contacts some employee KNOWS can still matter
      AND ($max_hops > 4 OR EXISTS { (:Employee)-[:KNOWS]->(v) })
    WITH v, type, rank, w, f, w * f.score AS score
    WITH v, type, rank, w, f, score, round(score, 12) AS key
    ORDER BY key DESC, f.steps, f.path, rank
    // the best candidate per contact (first row of its group); its new path lists are built once, not per row
    WITH v, collect(f)[0] AS f, collect(type)[0] AS type, collect(w)[0] AS w, collect(score)[0] AS score,
         collect(key)[0] AS key
    RETURN collect({n: v, id: v.id, score: score, key: key, steps: f.steps + 1, path: [v.id] + f.path,
                    names: [v.name] + f.names, types: [type] + f.types, weights: [w] + f.weights}) AS found
  }
  CALL (best, found) {
    UNWIND CASE WHEN found = [] THEN [] ELSE best + found END AS s
    WITH s ORDER BY s.key DESC, s.steps, s.path
    WITH s.id AS id, collect(s)[0] AS s
    RETURN collect(s) AS merged
  }
  WITH t, floor, CASE WHEN found = [] THEN best ELSE merged END AS best
// ---- customer-side step 5 (a no-op when $max_hops < 5) ----
  CALL (best, floor) {
    WITH floor, [s IN best WHERE s.steps = 4 AND $max_hops >= 5] AS frontier
    CALL (frontier) {
      UNWIND frontier AS f
      WITH f, f.n AS u
      CALL (u) {
        MATCH (v:Contact)-[r:INFLUENCES]->(u) RETURN v, 'INFLUENCES' AS type, 1 AS rank, coalesce(r.strength, $w_influences) AS w
        UNION ALL
        MATCH (v:Contact)-[:REPORTS_TO]->(u) RETURN v, 'REPORTS_TO_UP' AS type, 2 AS rank, $w_up AS w
        UNION ALL
        MATCH (u)-[:REPORTS_TO]->(v:Contact) RETURN v, 'REPORTS_TO_DOWN' AS type, 3 AS rank, $w_down AS w
      }
      RETURN v, type, rank, w, f
      UNION ALL
      // a shared circle: every member steps to the best frontier member of the circle (the second best for itself)
      UNWIND frontier AS f
      WITH f, f.n AS u
      MATCH (u)-[:MEMBER_OF]->(ci:Circle)
      WITH ci, f ORDER BY f.key DESC, f.steps, f.path
      WITH ci, collect(f)[0..2] AS top
      MATCH (v:Contact)-[:MEMBER_OF]->(ci)
      WITH v, CASE WHEN top[0].n = v THEN top[1] ELSE top[0] END AS f
      WHERE f IS NOT NULL
      RETURN v, 'SAME_CIRCLE' AS type, 4 AS rank, $w_circle AS w, f
    }
    WITH v, type, rank, w, f, floor
    WHERE w > 0 AND w * f.score >= floor AND v <> f.n AND NOT v.id IN f.path
      AND ($include_hostile OR NOT coalesce(v.attitude, '') IN $hostile)
      // on the last step only contacts some employee KNOWS can still matter
      AND ($max_hops > 5 OR EXISTS { (:Employee)-[:KNOWS]->(v) })
    WITH v, type, rank, w, f, w * f.score AS score
    WITH v, type, rank, w, f, score, round(score, 12) AS key
    ORDER BY key DESC, f.steps, f.path, rank
    // the best candidate per contact (first row of its group); its new path lists are built once, not per row
    WITH v, collect(f)[0] AS f, collect(type)[0] AS type, collect(w)[0] AS w, collect(score)[0] AS score,
         collect(key)[0] AS key
    RETURN collect({n: v, id: v.id, score: score, key: key, steps: f.steps + 1, path: [v.id] + f.path,
                    names: [v.name] + f.names, types: [type] + f.types, weights: [w] + f.weights}) AS found
  }
  CALL (best, found) {
    UNWIND CASE WHEN found = [] THEN [] ELSE best + found END AS s
    WITH s ORDER BY s.key DESC, s.steps, s.path
    WITH s.id AS id, collect(s)[0] AS s
    RETURN collect(s) AS merged
  }
  WITH t, floor, CASE WHEN found = [] THEN best ELSE merged END AS best
  // first step: the employees who KNOW a contact of `best` (the target itself, or a non-hostile contact)
  CALL (best) {
    UNWIND best AS s
    WITH s, s.n AS c
    MATCH (e:Employee)-[k:KNOWS]->(c)
    WHERE ($team IS NULL OR e.team = $team) AND ($employees IS NULL OR e.id IN $employees)
    WITH e, s, coalesce(k.strength, $w_knows) AS w
    WHERE w > 0
    WITH e, s, w, w * s.score AS score
    WITH e, s, w, score, round(score, 12) AS key
    ORDER BY key DESC, s.steps, s.path
    WITH e, collect(s)[0] AS s, collect(w)[0] AS w, collect(score)[0] AS score, collect(key)[0] AS key
    WITH e, {employee: {id: e.id, name: e.name, title: e.title, team: e.team}, score: score, key: key,
             steps: s.steps + 1, path: [e.id] + s.path, names: [e.name] + s.names,
             types: ['KNOWS'] + s.types, weights: [w] + s.weights} AS p
    ORDER BY p.key DESC, p.steps, p.path
    LIMIT $limit
    RETURN collect(p) AS paths
  }
  RETURN paths
}
RETURN t {.id, .name, .title, .attitude, .orientation, .importance, account: [(t)-[:WORKS_AT]->(a) | a.id][0]} AS target,
       paths
