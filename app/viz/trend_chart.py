"""Month-by-month three-degree charts (PNG / SVG) with matplotlib's Agg backend (no display needed)."""
from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")
from matplotlib.figure import Figure  # noqa: E402  (after choosing the backend)

from app.core.config import Settings  # noqa: E402
from app.models.managers import Trend  # noqa: E402

SERIES = (("closeness", "closeness", "#1f77b4"), ("solution_acceptance", "solution acceptance", "#2ca02c"),
          ("price_acceptance", "price acceptance", "#d62728"))
BANDS = (("poor", "#f4cccc"), ("medium", "#fff2cc"), ("good", "#d9ead3"), ("excellent", "#cfe2f3"))
FORMATS = {"png": "image/png", "svg": "image/svg+xml"}


def render_trend(trend: Trend, settings: Settings, fmt: str = "png") -> bytes:
    """Three mean lines on 0-100 over closeness-grade bands; completeness dashed (accounts)."""
    fig = Figure(figsize=(9, 4.8), dpi=110)
    ax = fig.add_subplot()
    edges = [0, settings.closeness_grade_medium, settings.closeness_grade_good, settings.closeness_grade_excellent, 100]
    for (grade, colour), low, high in zip(BANDS, edges, edges[1:]):
        ax.axhspan(low, high, color=colour, alpha=0.55, lw=0)
        ax.text(1.005, (low + high) / 2, grade, transform=ax.get_yaxis_transform(), va="center", fontsize=8,
                color="#555555")
    months = [p.month for p in trend.points]
    x = list(range(len(months)))
    for key, name, colour in SERIES:
        values = [getattr(p.degrees, key) for p in trend.points]
        ax.plot(x, [float("nan") if v is None else v for v in values], marker="o", ms=4, lw=2, color=colour,
                label=f"mean {name}")
    if trend.kind == "account":
        share = [p.degrees.completeness for p in trend.points]
        ax.plot(x, [float("nan") if v is None else 100 * v for v in share], ls="--", lw=1.5, color="#7f7f7f",
                label="completeness (%)")
    ax.set_ylim(0, 100)
    ax.set_xlim(-0.5, max(len(x) - 0.5, 0.5))
    ax.set_xticks(x, months, rotation=45, ha="right", fontsize=8)
    ax.set_ylabel("0-100")
    kind = "Account" if trend.kind == "account" else "Deal"
    ax.set_title(f"{kind} {trend.name or trend.id}: three degrees by month", fontsize=11)
    ax.grid(axis="y", color="white", lw=0.6)
    ax.legend(loc="upper left", fontsize=8, ncols=2, framealpha=0.9)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format=fmt)
    return buffer.getvalue()
