"""`brm serve`: the FastAPI app under uvicorn."""
from __future__ import annotations

import typer
import uvicorn

from app.cli.common import app, console
from app.core.config import get_settings


@app.command("serve")
def serve(host: str = typer.Option(None, help="default: API_HOST"),
          port: int = typer.Option(None, help="default: API_PORT")) -> None:
    """Serve the API (OpenAPI docs at /docs)."""
    settings = get_settings()
    host = host or settings.api_host
    port = port or settings.api_port
    console.print(f"brm-graph serving on http://{host}:{port}/  (API docs: http://{host}:{port}/docs)")
    uvicorn.run("app.main:create_app", factory=True, host=host, port=port, log_level="info")
