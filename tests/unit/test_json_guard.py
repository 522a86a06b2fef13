"""The JSON guard's byte-level scans (issue 18): nesting depth outside strings, lone surrogates."""
from __future__ import annotations

import json

from app.api.json_guard import has_lone_surrogate, nesting_exceeds


def nested(depth: int) -> bytes:
    text = json.dumps({"a": "x"})
    for _ in range(depth - 1):
        text = "[" + text + "]"
    return text.encode()


def test_depth_limit_is_exact() -> None:
    assert not nesting_exceeds(nested(32), 32)
    assert nesting_exceeds(nested(33), 32)
    assert nesting_exceeds(b"[" * 100_000 + b"]" * 100_000, 32)


def test_brackets_inside_strings_and_escapes_do_not_count() -> None:
    body = json.dumps({"a": "[[[[" * 50, "b": "\\", "c": '"]]]]"' * 30, "d": [{"e": "{{{"}]}).encode()
    assert not nesting_exceeds(body, 3)
    assert nesting_exceeds(b'[[["]"]]]', 2)
    assert nesting_exceeds(b'[["\\\\"]]', 1)  # an escaped backslash ends nothing


def test_malformed_text_is_left_to_the_parser() -> None:
    assert not nesting_exceeds(b"]]]", 2)


def test_lone_surrogates_but_not_pairs() -> None:
    assert has_lone_surrogate(b'{"a": "x\\ud800y"}')
    assert has_lone_surrogate(b'{"a": "\\udc00"}')
    assert not has_lone_surrogate(b'{"a": "\\ud83d\\ude00"}')
    assert not has_lone_surrogate(b'{"a": "\\\\ud800"}')  # an escaped backslash, then text
    assert not has_lone_surrogate(json.dumps({"a": "中文"}, ensure_ascii=False).encode())
