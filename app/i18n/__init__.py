"""One message catalog for every text the server produces, in English and Simplified Chinese.

Each area keeps its messages in its own module under `app/i18n/catalog/` (a dict
`MESSAGES = {key: {"en": ..., "zh": ...}}` with `str.format` placeholders), so areas grow
without all editing one shared file; this module merges them once and picks the language.
A unit test refuses a message that lacks a language or whose placeholders differ.
"""
from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

from app.i18n import catalog as _catalog_pkg

LANGUAGES = ("en", "zh")
DEFAULT_LANGUAGE = "en"


@lru_cache(maxsize=1)
def catalog() -> dict[str, dict[str, str]]:
    """All messages of all areas; a key defined by two areas is a bug, refused here."""
    merged: dict[str, dict[str, str]] = {}
    for info in pkgutil.iter_modules(_catalog_pkg.__path__):
        module = importlib.import_module(f"{_catalog_pkg.__name__}.{info.name}")
        for key, texts in getattr(module, "MESSAGES", {}).items():
            if key in merged:
                raise RuntimeError(f"message {key!r} defined twice (catalog.{info.name})")
            merged[key] = texts
    return merged


def normalise_language(value: str | None) -> str:
    """`zh`, `zh-CN`, `zh-Hans`, `zh_CN` → zh; anything else we do not have → en."""
    if not value:
        return DEFAULT_LANGUAGE
    primary = value.strip().replace("_", "-").split("-")[0].lower()
    return primary if primary in LANGUAGES else DEFAULT_LANGUAGE


def negotiate(lang: str | None = None, accept_language: str | None = None) -> str:
    """An explicit `lang=` wins; else the first supported language of Accept-Language (by q); else en."""
    if lang:
        return normalise_language(lang)
    if accept_language:
        ranked = []
        for index, part in enumerate(accept_language.split(",")):
            pieces = part.strip().split(";")
            quality = 1.0
            for param in pieces[1:]:
                name, _, number = param.strip().partition("=")
                if name == "q":
                    try:
                        quality = float(number)
                    except ValueError:
                        quality = 0.0
            ranked.append((-quality, index, pieces[0].strip()))
        for _, _, tag in sorted(ranked):
            primary = tag.replace("_", "-").split("-")[0].lower()
            if primary in LANGUAGES:
                return primary
    return DEFAULT_LANGUAGE


def t(key: str, lang: str = DEFAULT_LANGUAGE, **params: object) -> str:
    """The message `key` in `lang` (en when that language is missing), placeholders filled."""
    texts = catalog()[key]
    text = texts.get(normalise_language(lang)) or texts[DEFAULT_LANGUAGE]
    return text.format(**params) if params else text
