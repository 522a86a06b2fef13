"""Key accounts by the comprehensive cumulative score (综合累计积分法, domain.md section 8)."""
from __future__ import annotations

import math
from decimal import Decimal

from app.core.config import Settings
from app.core.errors import InvalidInput
from app.db.graph import Graph
from app.models.managers import AccountScore, KeyAccountScores, Weights
from app.services.declared_cache import cached_declared
from app.services.graph_changes import Changes


def key_count(n: int, top_percent: float) -> int:
    """ceil(N * X / 100), at least 1 when N > 0 and X > 0; exact decimal arithmetic (20% of 10 is 2, not 3)."""
    if n <= 0 or top_percent <= 0:
        return 0
    return max(1, min(n, math.ceil(Decimal(str(top_percent)) * n / 100)))


def score_accounts(graph: Graph, settings: Settings, top_percent: float | None = None,
                   weights: dict[str, float | None] | None = None, *, offset: int = 0, limit: int | None = None,
                   region: str | None = None, key_only: bool = False) -> KeyAccountScores:
    """Rank every account by the weighted sum (missing components count 0) and mark the top X% as key.

    Ranks and the key cut are over ALL accounts; `region` / `key_only` then choose rows, and
    `offset` / `limit` one page of them (`total` counts the rows chosen)."""
    given = weights or {}
    w = Weights(
        revenue=_weight(given.get("revenue"), settings.key_account_weight_revenue),
        potential=_weight(given.get("potential"), settings.key_account_weight_potential),
        demonstration=_weight(given.get("demonstration"), settings.key_account_weight_demonstration),
        winnability=_weight(given.get("winnability"), settings.key_account_weight_winnability),
    )
    percent = settings.key_account_top_percent if top_percent is None else top_percent
    if not 0 <= percent <= 100:
        raise InvalidInput("top_percent must be between 0 and 100")
    rows = cached_declared(graph, "key_account_scores", (w.model_dump_json(),),
                           lambda: graph.read("key_account_scores", w=w.model_dump()), touches=account_changed)
    cut = key_count(len(rows), percent)
    chosen = [i for i, row in enumerate(rows)
              if (region is None or row["region"] == region) and (not key_only or i < cut)]
    shown = chosen[offset:] if limit is None else chosen[offset:offset + limit]
    page = [AccountScore(rank=i + 1, key_account=i < cut, **rows[i]) for i in shown]  # models for one page only
    return KeyAccountScores(weights=w, top_percent=percent, key_count=cut, total=len(chosen), offset=offset,
                            limit=limit, accounts=page)


def account_changed(changes: Changes) -> bool:
    """The scores read only the accounts' own properties: a write that changed one names it `renamed`
    (app.services.graph_changes); every other declared write leaves them as they are (issue 15)."""
    return not changes.renamed.isdisjoint(changes.accounts)


def _weight(value: float | None, default: float) -> float:
    chosen = default if value is None else value
    if chosen < 0:
        raise InvalidInput("key-account weights must not be negative")
    return float(chosen)
