"""The message of an error answer in the caller's language (lang= or Accept-Language).

English answers keep the service's own message (it names the exact field or id); other languages
get the catalog's sentence for the error class, with the same id, so the page never shows English
in a Chinese panel. Machine fields (`error`, `errors`, ids) are untouched.
"""
from __future__ import annotations

from app.core.errors import BrmError, DatabaseUnavailable, Forbidden, NotFound, Unauthorized
from app.i18n import catalog, t


def localised_message(exc: BrmError, lang: str) -> str:
    if lang == "en":
        return exc.message
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
