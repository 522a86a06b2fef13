"""Give every graph view request (/viz/…) a render budget that also ends when the client leaves (ASGI).

It sits outside the body-size limit and the gate; the clock starts at the first node drawn, so
waiting for a slot or for the query (which has its own transaction timeout) does not count.
This middleware becomes the only reader of the client's messages: it forwards them to the app through
a queue and, when the client disconnects, marks the request's budget so the renderer stops
(app.viz.budget). Routes stay as they are.
"""
from __future__ import annotations

import anyio
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.api.language import request_language
from app.viz.budget import Budget, current_budget

VIZ_PREFIX = "/viz/"


class RenderBudgetMiddleware:
    def __init__(self, app: ASGIApp, seconds: float) -> None:
        self.app = app
        self.seconds = seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(VIZ_PREFIX):
            await self.app(scope, receive, send)
            return
        budget = Budget(self.seconds, request_language(scope))
        token = current_budget.set(budget)
        to_app, from_client = anyio.create_memory_object_stream[Message](16)

        async def pump() -> None:
            async with to_app:
                while True:
                    message = await receive()
                    if message["type"] == "http.disconnect":
                        budget.gone.set()
                    await to_app.send(message)
                    if message["type"] == "http.disconnect":
                        return

        async def app_receive() -> Message:
            try:
                return await from_client.receive()
            except anyio.EndOfStream:
                return {"type": "http.disconnect"}

        failure: Exception | None = None
        try:
            async with anyio.create_task_group() as tasks:
                tasks.start_soon(pump)
                try:
                    await self.app(scope, app_receive, send)
                except Exception as exc:  # noqa: BLE001 - re-raised below, outside the task group
                    failure = exc
                finally:
                    tasks.cancel_scope.cancel()
        finally:
            current_budget.reset(token)
            from_client.close()
        if failure is not None:
            raise failure
