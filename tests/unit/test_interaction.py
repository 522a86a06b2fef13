"""Interaction level thresholds of domain.md section 3: 0 none, 1-2 occasional, 3-9 multiple, 10+ deep."""
from datetime import date

import pytest

from app.core.config import Settings
from app.services.interaction import interaction_level, window_start


@pytest.mark.parametrize(("count", "level"), [(0, "none"), (1, "occasional"), (2, "occasional"), (3, "multiple"),
                                              (9, "multiple"), (10, "deep"), (250, "deep")])
def test_levels(count: int, level: str) -> None:
    assert interaction_level(count, Settings()).value == level


def test_window_is_365_days_before_as_of() -> None:
    assert window_start(date(2026, 11, 22), 365) == date(2025, 11, 22)
