"""A real server (uvicorn, free port, test Neo4j) and Debian's Chromium driven by Playwright.

Playwright never downloads a browser here: it launches /usr/bin/chromium (installed by `make test`).
Every request the page makes is recorded, so a test can prove nothing leaves localhost.
"""
from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from app.core.config import Settings
from app.db.graph import Graph
from app.main import create_app
from app.models.keys import Role
from app.services.importer import import_bundle
from app.services.keys import create_key
from app.services.users import create_user
from tests.neo4j_harness import free_port

CHROMIUM = os.environ.get("BRM_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


VIEWER = ("viewer", "viewer password")  # issue 14: the page signs in with a user, no API key


@dataclass
class LiveServer:
    url: str
    graph: Graph
    key: str  # a viewer's API key, for the test's own HTTP calls

    @property
    def headers(self) -> dict[str, str]:
        return {"X-API-Key": self.key}


def sign_in(page: Any, server: LiveServer, user: tuple[str, str] = VIEWER) -> None:
    """Open the page and sign in through its form (the page then lists accounts)."""
    page.goto(server.url + "/")
    page.fill("#login-username", user[0])
    page.fill("#login-password", user[1])
    page.click("#login-submit")
    page.wait_for_selector("body[data-auth=in]", state="attached", timeout=20_000)


@pytest.fixture
def live_server(graph: Graph, settings: Settings) -> Iterator[LiveServer]:
    """The real app on 127.0.0.1:<free port> in a thread, over the (emptied) test graph."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.1)
    else:
        pytest.fail("the app did not start within 30 s")
    create_user(graph, *VIEWER, Role.viewer)
    yield LiveServer(url, graph, create_key(graph, "browser-test", Role.viewer).key)
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} not installed (make test installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class Recorded:
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture
def page(chromium: Any) -> Iterator[tuple[Any, Recorded]]:
    """A fresh page (1440x900) that records every request URL and every console error / page error."""
    ARTIFACTS.mkdir(exist_ok=True)
    context = chromium.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    recorded = Recorded()
    page.on("request", lambda request: recorded.requests.append(request.url))
    page.on("console", lambda message: recorded.errors.append(f"{message.text} <{message.location.get('url', '')}>")
            if message.type == "error" else None)  # the URL tells an expected 404 from a broken call
    page.on("pageerror", lambda error: recorded.errors.append(f"pageerror: {error}"))
    yield page, recorded
    context.close()


ANN = ("ann", "ann password 1")  # the editing tests' two editors: ann is employee e-amy, bob is e-bob
BOB = ("bob", "bob password 1")


@pytest.fixture
def mini_server(live_server: LiveServer, mini_bundle: dict[str, Any]) -> LiveServer:
    """The mini bundle and two editors: ann (employee e-amy) and bob (e-bob)."""
    import_bundle(live_server.graph, mini_bundle)
    create_user(live_server.graph, *ANN, Role.editor, "e-amy")
    create_user(live_server.graph, *BOB, Role.editor, "e-bob")
    return live_server
