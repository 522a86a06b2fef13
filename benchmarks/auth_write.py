"""Issue 14 figures: sign-in latency, one write endpoint (PUT /contacts/{id}) with and without If-Match, the
edit round trip the page makes (GET for the version, then PUT with If-Match) and undo (POST /audit/{id}/undo).

Runs the real app in-process (TestClient) against the Neo4j of NEO4J_URI, with whatever graph is loaded
(`--bundle` imports one first), or (`--reuse NAME`) a Neo4j of our own on the database another benchmark
kept under var/bench/NAME (e.g. the S copy issue15-S). The requests are interleaved, round by round, so the
machine's noise hits them alike. Usage:
    python -m benchmarks.auth_write --bundle seed/demo.json --rounds 30
    flock /tmp/brm-bench.lock python -m benchmarks.auth_write --reuse issue15-S --rounds 30
"""
from __future__ import annotations

import argparse
import json
import os
import secrets
import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from app.core.config import PROJECT_ROOT, Settings, get_settings
from app.db.graph import Graph, create_driver
from app.main import create_app
from app.models.keys import Role
from app.services.importer import import_bundle
from app.services.keys import create_key
from app.services.users import create_user
from benchmarks.env import stop_cleanly_on_sigterm


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


@contextmanager
def target(reuse: str | None, heap: str) -> Iterator[tuple[Settings, Graph]]:
    """(settings, graph) of NEO4J_URI, or of a Neo4j of our own on var/bench/<reuse> (stopped afterwards)."""
    if reuse:
        from benchmarks.company_views import database  # starts the kept home, never imports

        with database(reuse, heap, "2g", reuse=True) as db:
            yield db.settings, db.graph
        return
    settings = get_settings()
    driver = create_driver(settings)
    try:
        yield settings, Graph.from_settings(driver, settings)
    finally:
        driver.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bundle", type=Path)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--reuse", default=None, metavar="NAME", help="the database kept under var/bench/NAME")
    parser.add_argument("--heap", default="4g")
    parser.add_argument("--out", type=Path, default=None, help="results as JSON (default: printed only)")
    args = parser.parse_args()
    stop_cleanly_on_sigterm()  # `timeout` unwinds like Ctrl-C: our Neo4j is stopped
    load_before = os.getloadavg()
    with target(args.reuse, args.heap) as (base, graph):
        settings = base.model_copy(update={"login_limit_per_user": "100000/minute",
                                           "login_limit_per_address": "100000/minute"})
        if args.bundle:
            import_bundle(graph, json.loads(args.bundle.read_text(encoding="utf-8")))
        times = measure(settings, graph, args.rounds)
    result: dict[str, Any] = {"reuse": args.reuse, "bundle": str(args.bundle) if args.bundle else None,
                              "load_before": load_before, "load_after": os.getloadavg(), "requests": {}}
    for label, values in times.items():
        ms = [v * 1000 for v in values]
        result["requests"][label] = {"n": len(ms), "p50_ms": round(statistics.median(ms), 1),
                                     "p95_ms": round(percentile(ms, 0.95), 1)}
        print(f"{label}: n={len(ms)} p50={statistics.median(ms):.1f} ms p95={percentile(ms, 0.95):.1f} ms")
    print(f"load average before {load_before}, after {result['load_after']}")
    if args.out:
        out = args.out if args.out.is_absolute() else PROJECT_ROOT / args.out
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(result, indent=1), encoding="utf-8")


def measure(settings: Settings, graph: Graph, rounds: int) -> dict[str, list[float]]:
    """Per round: sign-in, then the page's first calls (/auth/me, /auth/me/work); PUT without If-Match; the round
    trip GET + PUT with If-Match (and the PUT alone); undo of that last PUT (its audit entry read outside the
    timing; editors may read and undo); the person's history panel (`related=true`); sign-out; an admin's
    /users calls (list, create, password reset, disable)."""
    name = "bench-" + secrets.token_hex(3)
    create_user(graph, name, "bench password", Role.editor)
    key = {"X-API-Key": create_key(graph, name, Role.editor, user=name).key}
    admin = {"X-API-Key": create_key(graph, name + "-admin", Role.admin).key}
    times: dict[str, list[float]] = {"login": [], "me": [], "me_work": [], "put": [], "put_if_match": [],
                                     "round_trip": [], "undo": [], "history": [], "logout": [],
                                     "users_list": [], "users_create": [], "users_password": [], "users_disable": []}
    with TestClient(create_app(settings)) as client:
        contact = client.get("/contacts?limit=1", headers=key).json()["items"][0]
        body = {k: v for k, v in contact.items()
                if k not in ("id", "version", "interaction_level", "interaction_by_deal")}
        path = f"/contacts/{contact['id']}"
        for round_ in range(rounds):
            started = time.perf_counter()
            signed_in = client.post("/auth/login", json={"username": name, "password": "bench password"})
            assert signed_in.status_code == 200
            times["login"].append(time.perf_counter() - started)
            for label, me_path in (("me", "/auth/me"), ("me_work", "/auth/me/work")):  # the page's first calls
                started = time.perf_counter()
                assert client.get(me_path).status_code == 200
                times[label].append(time.perf_counter() - started)
            body["importance"] = 1 + round_ % 5
            started = time.perf_counter()
            assert client.put(path, json=body, headers=key).status_code == 200
            times["put"].append(time.perf_counter() - started)
            body["importance"] = 1 + (round_ + 1) % 5
            started = time.perf_counter()
            version = client.get(path, headers=key).json()["version"]
            put_started = time.perf_counter()
            assert client.put(path, json=body, headers={**key, "If-Match": f'"{version}"'}).status_code == 200
            done = time.perf_counter()
            times["put_if_match"].append(done - put_started)
            times["round_trip"].append(done - started)
            entry = client.get("/audit", params={"entity": "Contact", "id": contact["id"], "limit": 1},
                               headers=key).json()[0]
            started = time.perf_counter()
            response = client.post(f"/audit/{entry['id']}/undo", headers=key)
            assert response.status_code == 200, response.text
            times["undo"].append(time.perf_counter() - started)
            started = time.perf_counter()  # the person's history panel (its entries and its relationships')
            assert client.get("/audit", params={"entity": "Contact", "id": contact["id"], "related": "true",
                                                "limit": 15}, headers=key).status_code == 200
            times["history"].append(time.perf_counter() - started)
            started = time.perf_counter()
            assert client.post("/auth/logout", headers={"X-CSRF-Token": signed_in.json()["csrf_token"]}).status_code == 204
            times["logout"].append(time.perf_counter() - started)
            other = f"{name}-{round_}"  # the admin's /users calls: list, create, reset the password, disable
            for label, method, users_path, payload, status in (
                    ("users_list", "GET", "/users", None, 200),
                    ("users_create", "POST", "/users", {"username": other, "password": "bench password",
                                                        "role": "viewer"}, 201),
                    ("users_password", "POST", f"/users/{other}/password", {"password": "another bench password"}, 200),
                    ("users_disable", "POST", f"/users/{other}/disable", None, 200)):
                started = time.perf_counter()
                answer = client.request(method, users_path, json=payload, headers=admin)
                assert answer.status_code == status, (label, answer.text)
                times[label].append(time.perf_counter() - started)
    return times


if __name__ == "__main__":
    main()
