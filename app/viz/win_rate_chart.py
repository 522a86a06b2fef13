"""The win-rate curve as a chart (PNG / SVG, matplotlib Agg like app.viz.trend_chart): one point per ISO week,
gaps where no win rate could be computed (the reason written under the axis), stage changes as dashed lines."""
from __future__ import annotations

import io
from typing import Any

import matplotlib

matplotlib.use("Agg")
from matplotlib.figure import Figure  # noqa: E402  (after choosing the backend)

from app.i18n import t  # noqa: E402
from app.viz.theme import v as value_label  # noqa: E402

FONTS = ["DejaVu Sans", "Noto Sans CJK SC", "Noto Serif CJK SC"]  # CJK glyphs fall back to Noto
LINE, NONE, STAGE = "#1f77b4", "#9e9e9e", "#8e24aa"


def render_curve(curve: dict[str, Any], lang: str = "en", fmt: str = "png") -> bytes:
    """Win rate (%) by week on 0-100; a grey mark and the reason where none; stage changes labelled."""
    fig = Figure(figsize=(9, 4.2), dpi=110)
    ax = fig.add_subplot()
    points = curve["points"]
    x = list(range(len(points)))
    values = [float("nan") if p["win_rate"] is None else 100 * p["win_rate"] for p in points]
    ax.plot(x, values, marker="o", ms=4, lw=2, color=LINE, label=t("time.curve.axis", lang))
    for i, p in enumerate(points):
        if p["win_rate"] is None:
            ax.plot([i], [2], marker="x", ms=5, color=NONE)
            if i == 0 or points[i - 1]["reason"] != p["reason"]:
                ax.text(i, 5, t(f"time.reason.{p['reason'] or 'insufficient_data'}", lang), rotation=90,
                        fontsize=7, color="#616161", va="bottom", ha="center", fontfamily=FONTS)
        if p["stage_changed"]:
            ax.axvline(i - 0.5, color=STAGE, ls="--", lw=1)
            ax.text(i - 0.45, 97, value_label(p["stage"], lang), fontsize=7, color=STAGE, va="top",
                    fontfamily=FONTS)
    ax.set_ylim(0, 100)
    ax.set_xlim(-0.5, max(len(x) - 0.5, 0.5))
    step = max(1, len(points) // 16)
    ax.set_xticks(x[::step], [p["week"] for p in points][::step], rotation=45, ha="right", fontsize=8)
    ax.set_ylabel(t("time.curve.axis", lang), fontfamily=FONTS)
    name = curve["opportunity"]["name"] or curve["opportunity"]["id"]
    ax.set_title(t("time.curve.title", lang, name=name), fontsize=11, fontfamily=FONTS)
    ax.grid(axis="y", color="#e0e0e0", lw=0.6)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format=fmt)
    return buffer.getvalue()
