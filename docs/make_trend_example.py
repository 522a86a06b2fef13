"""Build a year of history on the demo data and draw docs/trend-example.png (and the deal's chart).

    .venv/bin/python docs/make_trend_example.py --uri bolt://127.0.0.1:17699 --password ... --wipe

WIPES the database it is pointed at (hence --wipe and an explicit --uri): imports seed/demo.json as
it was twelve months ago, then, month by month, edits some of Ruifeng Pharmaceutical's contacts and
deal roles the way a year of account work would (closeness up, profiles filled in, one setback in
month 6 when a key relationship cools) and captures history on the 15th of each month, in the same
transaction as the edits, as the audited write paths do.
"""
from __future__ import annotations

import argparse
import json
import random
from datetime import UTC, date, datetime
from pathlib import Path

from neo4j import ManagedTransaction

from app.core.config import Settings
from app.db.graph import Graph, create_driver
from app.db.schema import apply_schema
from app.services.history import capture_history
from app.services.importer import import_bundle
from app.services.trends import account_trend, month_points, opportunity_trend, shift
from app.viz.trend_chart import render_trend

ROOT = Path(__file__).resolve().parents[1]
ACCOUNT, DEAL = "acc-ruifeng", "o-rf-lims"
EDIT_CONTACT = """
MATCH (c:Contact {id: $id})
SET c.closeness = $closeness, c.solution_acceptance = $solution, c.price_acceptance = $price,
    c.orientation = coalesce(c.orientation, $orientation), c.attitude = coalesce(c.attitude, 'neutral')
"""
EDIT_ROLE = """
MATCH (:Contact {id: $contact})-[r:ROLE_IN]->(:Opportunity {id: $deal})
SET r.closeness = $closeness, r.solution_acceptance = $solution
"""


def clamp(value: float) -> float:
    return float(max(0, min(100, round(value))))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--uri", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--wipe", action="store_true", required=True, help="confirm: the database is emptied")
    args = parser.parse_args()
    settings = Settings(neo4j_uri=args.uri, neo4j_password=args.password)
    driver = create_driver(settings)
    graph = Graph.from_settings(driver, settings)
    with driver.session(database=graph.database) as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()
    apply_schema(graph)
    bundle = json.loads((ROOT / "seed" / "demo.json").read_text(encoding="utf-8"))
    import_bundle(graph, bundle)
    rng = random.Random(9)
    today = date.today()
    last = (today.year, today.month)
    first = shift(last, -11)
    state = {c["id"]: dict(c) for c in bundle["contacts"] if c["account"] == ACCOUNT}
    members = [r["contact"] for r in bundle["roles"] if r["opportunity"] == DEAL]
    for month_index in range(12):
        month = shift(first, month_index)
        at = datetime(*month, 15, tzinfo=UTC)

        def work(tx: ManagedTransaction) -> int:
            if month_index > 0:
                for cid in rng.sample(sorted(state), 8):
                    c = state[cid]
                    drift = -22 if month_index == 6 else rng.uniform(0, 9)     # month 6: a relationship cools
                    c["closeness"] = clamp((c.get("closeness") or 35) + drift)
                    c["solution_acceptance"] = clamp((c.get("solution_acceptance") or 40) + rng.uniform(-2, 6))
                    c["price_acceptance"] = clamp((c.get("price_acceptance") or 30) + rng.uniform(-1, 4))
                    tx.run(EDIT_CONTACT, id=cid, closeness=c["closeness"], solution=c["solution_acceptance"],
                           price=c["price_acceptance"], orientation="balanced").consume()
                for cid in rng.sample(members, min(2, len(members))):
                    tx.run(EDIT_ROLE, contact=cid, deal=DEAL, closeness=clamp(40 + 4 * month_index + rng.uniform(-5, 5)),
                           solution=clamp(45 + 3 * month_index)).consume()
            return capture_history(tx, at=at)

        created = graph.write_transaction(work)
        print(f"{at.date()}: {created} state(s) captured")
    points = month_points(first, last, 120)
    out = ROOT / "docs" / "trend-example.png"
    out.write_bytes(render_trend(account_trend(graph, settings, ACCOUNT, points), settings, "png"))
    deal_out = ROOT / "docs" / "trend-example-deal.png"
    deal_out.write_bytes(render_trend(opportunity_trend(graph, settings, DEAL, points), settings, "png"))
    print(f"wrote {out} and {deal_out}")
    driver.close()


if __name__ == "__main__":
    main()
