"""The weekly deal review as one printable HTML page (no script from outside; a print button and the CSV
embedded as a download link, so it works inside the exploration page's frame and on paper)."""
from __future__ import annotations

import html
import urllib.parse
from typing import Any

from app.core import script_nonce
from app.i18n import t
from app.viz.theme import v as value_label

CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif;
  margin: 16px; color: #263238; font-size: 13px; }
h1 { font-size: 18px; margin: 0 0 4px; } .sub, .order { color: #607d8b; margin: 2px 0; }
table { border-collapse: collapse; width: 100%; margin-top: 10px; }
th, td { border-bottom: 1px solid #e0e0e0; padding: 5px 6px; text-align: left; vertical-align: top; }
th { background: #eceff1; font-weight: 600; } td.num { text-align: right; white-space: nowrap; }
.down { color: #c62828; font-weight: 600; } .up { color: #2e7d32; } .muted { color: #90a4ae; }
.opened { color: #c62828; } .closed { color: #2e7d32; text-decoration: line-through; }
.alert { color: #e65100; font-weight: 600; } .note { font-style: italic; color: #455a64; }
.tools { margin: 8px 0; } .tools a, .tools button { margin-right: 8px; font-size: 13px; }
tr.p0 td:first-child { border-left: 4px solid #c62828; } tr.p1 td:first-child { border-left: 4px solid #f9a825; }
tr.p2 td:first-child { border-left: 4px solid #b0bec5; }
td.stage, td.degrees { white-space: nowrap; } td.gaps { min-width: 8em; }  /* 中文 wrapped them a character a line */
@media print { .tools { display: none; } body { margin: 0; font-size: 11px; } tr { page-break-inside: avoid; } }
"""
DEGREES = ("closeness", "solution_acceptance", "price_acceptance")


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{round(value * 100)}%"


def _signed(value: float | None, scale: float = 1, suffix: str = "") -> str:
    if value is None:
        return '<span class="muted">—</span>'
    shown = round(value * scale, 1)
    css = "down" if shown < 0 else "up" if shown > 0 else "muted"
    return f'<span class="{css}">{shown:+g}{suffix}</span>'


def _row(rank: int, d: dict[str, Any], lang: str) -> str:
    stage = _e(value_label(d["stage"], lang))
    if d["stage_moved"]:
        stage += f'<br><span class="up">{_e(t("time.review.moved", lang, stage=value_label(d["stage_before"], lang)))}</span>'
    reason = f'<br><span class="muted">{_e(t("time.reason." + d["win_rate_reason"], lang))}</span>' \
        if d["win_rate_reason"] else ""
    rate = f'{_pct(d["win_rate"])} <span class="muted">({_pct(d["win_rate_before"])})</span> ' \
           f'{_signed(d["win_rate_change"], 100, " pt")}{reason}'
    degrees = "<br>".join(f'{_e(t("time.degree." + k, lang))} {_e(d["degrees"][k]["now"] if d["degrees"][k]["now"] is not None else "—")} '
                          f'{_signed(d["degrees"][k]["change"])}' for k in DEGREES)
    gaps = " ".join(f'<span class="opened" title="{_e(g["code"])}">+{_gap_label(g, lang)}</span>' for g in d["gaps_opened"])
    gaps += " " + " ".join(f'<span class="closed" title="{_e(g["code"])}">{_gap_label(g, lang)}</span>'
                           for g in d["gaps_closed"])
    alerts = "".join(f'<div class="alert">⚠ {_e(a)}</div>' for a in d["alerts"])
    note = f'<div class="note">{_e(t("time.review.note", lang))}: {_e(d["note"])}</div>' if d["note"] else ""
    owner = (d["owner"] or {}).get("name") or (d["owner"] or {}).get("id")
    account = (d["account"] or {}).get("name") or ""
    amount = "—" if d["amount"] is None else f'{d["amount"]:,.0f}'
    return (f'<tr class="p{d["priority"]}"><td>{rank}. <b>{_e(d["opportunity"]["name"] or d["opportunity"]["id"])}</b>'
            f'<br><span class="muted">{_e(account)}</span>{alerts}</td><td>{_e(owner)}</td><td class="stage">{stage}</td>'
            f'<td class="num">{amount}</td><td class="num">{rate}</td><td class="degrees">{degrees}</td>'
            f'<td class="gaps">{gaps.strip() or "—"}</td>'
            f'<td>{_e(d["next_action"] or "—")}{note}</td></tr>')


def _gap_label(gap: dict[str, Any], lang: str) -> str:
    """A gap as the reader sees it: its label in `lang` (the code stays in the tooltip) and whose it is."""
    who = f' ({_e(gap["contact"]["name"] or gap["contact"]["id"])})' if gap["contact"] else ""
    return _e(t(f"gaps.code.{gap['code']}", lang)) + who


def render_review(review: dict[str, Any], csv_text: str, lang: str = "en") -> str:
    """The whole page: title, filters, the ordering rule, one table row per deal, print and CSV."""
    every = t("time.review.all", lang)
    head = [t(f"time.review.{k}", lang) for k in ("deal", "owner", "stage", "amount", "win_rate", "degrees", "gaps", "next")]
    rows = "".join(_row(i, d, lang) for i, d in enumerate(review["deals"], start=1))
    if not review["deals"]:
        rows = f'<tr><td colspan="8" class="muted">{_e(t("time.review.none", lang))}</td></tr>'
    href = "data:text/csv;charset=utf-8," + urllib.parse.quote("\ufeff" + csv_text)
    bridge = script_nonce.script("document.querySelector('button.print').addEventListener('click', () => window.print());"
                                 "parent !== window && parent.postMessage({source: 'brm-graph', type: 'drawn', "
                                 f"view: 'review', nodes: {len(review['deals'])}, edges: 0}}, '*');")  # nonce: issue 18
    return f"""<!doctype html><html lang="{'zh-CN' if lang.startswith('zh') else 'en'}"><head><meta charset="utf-8">
<title>{_e(t("time.review.title", lang, week=review["week"]))}</title><style>{CSS}</style></head><body>
<h1>{_e(t("time.review.title", lang, week=review["week"]))}</h1>
<p class="sub">{_e(t("time.review.subtitle", lang, team=review["team"] or every, owner=review["owner"] or every,
                     as_of=review["as_of"], before=review["previous_as_of"]))}</p>
<p class="order">{_e(t("time.review.order", lang))}</p>
<div class="tools"><button type="button" class="print">{_e(t("time.review.print", lang))}</button>
<a download="review-{_e(review["week"])}.csv" href="{_e(href)}">{_e(t("time.review.csv", lang))}</a></div>
<table><thead><tr>{"".join(f"<th>{_e(h)}</th>" for h in head)}</tr></thead><tbody>{rows}</tbody></table>
{bridge}</body></html>"""
