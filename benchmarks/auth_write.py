"""Issue 14 figures: sign-in latency and one write endpoint (PUT /contacts/{id}) with and without If-Match.

Runs the real app in-process (TestClient) against the Neo4j of NEO4J_URI, with whatever graph is loaded
(`--bundle` imports one first). The three requests are interleaved, round by round, so the machine's noise
hits them alike. Usage:
    python -m benchmarks.auth_write --bundle seed/demo.json --rounds 30
"""
from __future__ import annotations

import argparse
import json
import secrets
import statistics
import time
from pathlib import Path

from fastapi.testclient import TestClient

from app.core.config import get_settings
from app.db.graph import Graph, create_driver
from app.main import create_app
from app.models.keys import Role
from app.services.importer import import_bundle
from app.services.keys import create_key
from app.services.users import create_user


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bundle", type=Path)
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    settings = get_settings().model_copy(update={"login_limit_per_user": "100000/minute",
                                                 "login_limit_per_address": "100000/minute"})
    driver = create_driver(settings)
    graph = Graph.from_settings(driver, settings)
    if args.bundle:
        import_bundle(graph, json.loads(args.bundle.read_text(encoding="utf-8")))
    name = "bench-" + secrets.token_hex(3)
    create_user(graph, name, "bench password", Role.editor)
    key = {"X-API-Key": create_key(graph, name, Role.editor, user=name).key}
    times: dict[str, list[float]] = {"login": [], "put": [], "put_if_match": []}
    with TestClient(create_app(settings)) as client:
        contact = client.get("/contacts?limit=1", headers=key).json()["items"][0]
        body = {k: v for k, v in contact.items()
                if k not in ("id", "version", "interaction_level", "interaction_by_deal")}
        path = f"/contacts/{contact['id']}"
        for round_ in range(args.rounds):
            started = time.perf_counter()
            assert client.post("/auth/login", json={"username": name, "password": "bench password"}).status_code == 200
            times["login"].append(time.perf_counter() - started)
            body["importance"] = 1 + round_ % 5
            started = time.perf_counter()
            assert client.put(path, json=body, headers=key).status_code == 200
            times["put"].append(time.perf_counter() - started)
            version = client.get(path, headers=key).json()["version"]
            body["importance"] = 1 + (round_ + 1) % 5
            started = time.perf_counter()
            assert client.put(path, json=body, headers={**key, "If-Match": f'"{version}"'}).status_code == 200
            times["put_if_match"].append(time.perf_counter() - started)
    driver.close()
    for label, values in times.items():
        ms = [v * 1000 for v in values]
        print(f"{label}: n={len(ms)} p50={statistics.median(ms):.1f} ms p95={percentile(ms, 0.95):.1f} ms")


if __name__ == "__main__":
    main()
