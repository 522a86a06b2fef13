"""What kind of value a bundle row field holds, read off its annotation (one rule for CSV cells and CRM columns)."""
from __future__ import annotations

import types
from datetime import date
from typing import Annotated, Any, Union, get_args, get_origin


def field_kind(annotation: Any) -> type | None:
    """bool, int, float, date, str (enums too) or list, looking through Optional and Annotated; None otherwise."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return field_kind(get_args(annotation)[0])
    if origin is Union or origin is types.UnionType:
        kinds = [field_kind(arg) for arg in get_args(annotation) if arg is not type(None)]
        return kinds[0] if kinds else None
    if origin is list:
        return list
    if isinstance(annotation, type) and issubclass(annotation, str) and annotation is not str:
        return str  # enums
    return annotation if annotation in (bool, int, float, date, str) else None
