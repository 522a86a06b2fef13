"""Month-by-month three-degree charts (PNG / SVG) with matplotlib's Agg backend (no display needed)."""
from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")
from matplotlib.figure import Figure  # noqa: E402  (after choosing the backend)

from app.core.config import Settings  # noqa: E402
from app.i18n import t  # noqa: E402
from app.models.managers import Trend  # noqa: E402

SERIES = (("closeness", "#1f77b4"), ("solution_acceptance", "#2ca02c"), ("price_acceptance", "#d62728"))
# CJK text needs a CJK font (fonts-noto-cjk on Debian); the first one installed wins, else the default.
FONTS = ["Noto Sans CJK SC", "Noto Sans CJK JP", "WenQuanYi Zen Hei", "DejaVu Sans"]
BANDS = (("poor", "#f4cccc"), ("medium", "#fff2cc"), ("good", "#d9ead3"), ("excellent", "#cfe2f3"))
FORMATS = {"png": "image/png", "svg": "image/svg+xml"}


def render_trend(trend: Trend, settings: Settings, fmt: str = "png", lang: str = "en", compact: bool = False) -> bytes:
    """Three mean lines on 0-100 over closeness-grade bands; completeness dashed (accounts); texts in `lang`.

    `compact`: for a ~340 px sidebar: a smaller canvas (so its text is not scaled down), fewer month
    labels, the legend under the plot."""
    matplotlib.rcParams["font.sans-serif"] = FONTS + list(matplotlib.rcParams["font.sans-serif"])
    matplotlib.rcParams["svg.fonttype"] = "none"
    fig = Figure(figsize=(4.2, 3.9) if compact else (9, 4.8), dpi=100 if compact else 110)
    ax = fig.add_subplot()
    edges = [0, settings.closeness_grade_medium, settings.closeness_grade_good, settings.closeness_grade_excellent, 100]
    for (grade, colour), low, high in zip(BANDS, edges, edges[1:]):
        ax.axhspan(low, high, color=colour, alpha=0.55, lw=0)
        ax.text(1.005, (low + high) / 2, t(f"managers.grade.{grade}", lang), transform=ax.get_yaxis_transform(), va="center", fontsize=8,
                color="#555555")
    months = [p.month for p in trend.points]
    x = list(range(len(months)))
    for key, colour in SERIES:
        values = [getattr(p.degrees, key) for p in trend.points]
        ax.plot(x, [float("nan") if v is None else v for v in values], marker="o", ms=5, lw=2, color=colour,
                label=t("managers.chart.mean", lang, name=t(f"viz.{key}", lang)))
    if trend.kind == "account":
        share = [p.degrees.completeness for p in trend.points]
        ax.plot(x, [float("nan") if v is None else 100 * v for v in share], ls="--", lw=1.5, color="#7f7f7f",
                label=t("managers.chart.completeness", lang))
    ax.set_ylim(0, 100)
    ax.set_xlim(-0.5, max(len(x) - 0.5, 0.5))
    step = max(1, -(-len(months) // (6 if compact else 12)))  # few enough labels that month names never overlap
    ax.set_xticks(x[::step], months[::step], rotation=45, ha="right", fontsize=9)
    ax.set_ylabel(t("managers.chart.y_axis", lang), fontsize=10)
    ax.set_xlabel(t("managers.chart.x_axis", lang), fontsize=10)
    if not months:
        ax.text(0.5, 0.5, t("managers.chart.no_points", lang), transform=ax.transAxes, ha="center", fontsize=12)
    title = "managers.chart.account_title" if trend.kind == "account" else "managers.chart.deal_title"
    ax.set_title(t(title, lang, name=trend.name or trend.id), fontsize=10 if compact else 12)
    ax.grid(axis="y", color="white", lw=0.6)
    if compact:
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.32), fontsize=8, ncols=2, frameon=False)
    else:
        ax.legend(loc="upper left", fontsize=9, ncols=2, framealpha=0.9)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format=fmt)
    return buffer.getvalue()
