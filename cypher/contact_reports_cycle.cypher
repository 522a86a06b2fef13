// Would a solid reporting line $from -> $to close a loop (is $from already above $to along solid lines, or $to itself)?
RETURN EXISTS {
  MATCH (:Contact {id: $to}) (()-[r:REPORTS_TO WHERE NOT coalesce(r.dotted, false)]->())* (:Contact {id: $from})
} AS cycle
