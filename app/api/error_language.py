"""The message of an error answer in the caller's language (lang= or Accept-Language).

English answers keep the service's own message (it names the exact field or id); other languages
get the catalog's sentence for the error class, with the same id, so the page never shows English
in a Chinese panel. Machine fields (`error`, `errors`, ids) are untouched.
"""
from __future__ import annotations

from string import Formatter
from typing import Any

from app.core.errors import BrmError, DatabaseUnavailable, Forbidden, NotFound, Unauthorized
from app.i18n import catalog, t


def localised_message(exc: BrmError, lang: str) -> str:
    if lang == "en":
        return exc.message
    if exc.message_key is not None:
        return t(exc.message_key, lang, **exc.message_params)
    if isinstance(exc, NotFound):
        identifier = exc.details.get("id")
        if identifier is None:
            return t("api_errors.not_found_any", lang)
        kind_key = f"api_errors.kind.{exc.details.get('entity')}"
        kind = t(kind_key if kind_key in catalog() else "api_errors.kind.record", lang)
        return t("api_errors.not_found", lang, kind=kind, id=str(identifier))
    for cls, key in ((DatabaseUnavailable, "database_unavailable"), (Unauthorized, "unauthorized"),
                     (Forbidden, "forbidden")):
        if isinstance(exc, cls):
            return t(f"api_errors.{key}", lang)
    return exc.message


def localised_validation(err: dict[str, Any], lang: str) -> str:
    """One pydantic problem in the caller's language: the catalog's sentence for its type (`missing`,
    `less_than_equal`, our own `id_slash`...) with pydantic's context (`le`, `expected`...); a type the catalog
    does not know gets a plain "invalid value" rather than English in a Chinese form."""
    key = f"api_errors.validation.{err.get('type')}"
    if key not in catalog():
        key = "api_errors.validation.invalid"
    context = {name: value for name, value in (err.get("ctx") or {}).items() if isinstance(value, (str, int, float))}
    needed = {name for _, name, _, _ in Formatter().parse(t(key, "en")) if name}
    if not needed <= set(context):  # a context pydantic did not give: no sentence with a hole in it
        key = "api_errors.validation.invalid"
    return t(key, lang, **context)
