"""A time budget for drawing a graph view, and its stop when the client has gone (issue 18).

The request's budget lives in a context variable (set by app.api.render_budget for /viz/ requests;
AnyIO copies it into the worker thread that renders). Every node and edge a view adds checks it, so
a render stops within one node's work of its deadline, or of the client leaving, instead of running
on for minutes; no budget set (CLI, notebooks, tests of the renderers) means no limit.
"""
from __future__ import annotations

import threading
import time
from contextvars import ContextVar
from typing import Any

from pyvis.network import Network

from app.core.errors import BrmError
from app.i18n import t


class RenderStopped(BrmError):
    """The view ran out of time (or its client left): a smaller view is the answer, not a retry."""

    status_code = 422


class Budget:
    def __init__(self, seconds: float, lang: str = "en") -> None:
        self.seconds = seconds
        self.lang = lang
        self.deadline: float | None = None  # starts with the first node drawn
        self.gone = threading.Event()  # set when the client disconnects

    def check(self) -> None:
        now = time.monotonic()
        if self.deadline is None:
            self.deadline = now + self.seconds
        if self.gone.is_set() or now > self.deadline:
            raise RenderStopped(t("hardening.render_budget", self.lang, seconds=self.seconds))


current_budget: ContextVar[Budget | None] = ContextVar("brm_render_budget", default=None)


def check_budget() -> None:
    budget = current_budget.get()
    if budget is not None:
        budget.check()


class BudgetedNetwork(Network):
    """A pyvis Network whose every add checks the request's render budget."""

    def add_node(self, *args: Any, **kwargs: Any) -> Any:
        check_budget()
        return super().add_node(*args, **kwargs)

    def add_edge(self, *args: Any, **kwargs: Any) -> Any:
        check_budget()
        return super().add_edge(*args, **kwargs)

    def generate_html(self, *args: Any, **kwargs: Any) -> str:
        check_budget()
        return super().generate_html(*args, **kwargs)
