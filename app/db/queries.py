"""Named Cypher queries, one `.cypher` file each in `cypher/`, read once and cached.

Query text is never built from strings at run time; values travel as $parameters.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from app.core.config import get_settings
from app.core.errors import QueryNotFound


@lru_cache
def _load_all(directory: Path) -> dict[str, str]:
    if not directory.is_dir():
        raise QueryNotFound(f"cypher directory {directory} does not exist")
    return {path.stem: path.read_text(encoding="utf-8") for path in sorted(directory.glob("*.cypher"))}


def query(name: str, directory: Path | None = None) -> str:
    """The text of the named query; raises QueryNotFound (listing what exists) on a typo."""
    queries = _load_all(directory or get_settings().cypher_dir)
    try:
        return queries[name]
    except KeyError:
        raise QueryNotFound(f"no query named {name!r} in cypher/ (have: {', '.join(sorted(queries))})") from None


def statements(name: str, directory: Path | None = None) -> list[str]:
    """Split a multi-statement file (schema) on `;` at line ends, dropping `//` comment lines."""
    text = query(name, directory)
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("//")]
    return [part.strip() for part in "\n".join(lines).split(";\n") if part.strip().rstrip(";").strip()]
