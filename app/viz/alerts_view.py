"""The alerts (champion left / former champion elsewhere) as a small HTML page for the exploration page's frame."""
from __future__ import annotations

import html
from typing import Any

from app.core import script_nonce
from app.i18n import t

CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif;
  margin: 16px; color: #263238; font-size: 13px; }
h1 { font-size: 18px; margin: 0 0 8px; }
.alert { border-left: 5px solid #c62828; background: #fff5f5; padding: 8px 12px; margin: 8px 0; border-radius: 4px; }
.alert.former_champion { border-color: #2e7d32; background: #f3fbf3; }
.meta { color: #607d8b; font-size: 12px; margin-top: 3px; } .muted { color: #90a4ae; }
"""


def render_alerts(answer: dict[str, Any], lang: str = "en") -> str:
    items = []
    for a in answer["alerts"]:
        knowers = ", ".join(f'{k["name"] or k["id"]}' + (f' ({k["strength"]})' if k["strength"] is not None else "")
                            for k in a["known_by"]) or t("time.alert.nobody", lang)
        since = f' · {html.escape(a["since"])}' if a["since"] else ""
        items.append(f'<div class="alert {a["kind"]}"><div>{"⚠" if a["kind"] == "champion_left" else "★"} '
                     f'{html.escape(a["message"])}</div><div class="meta">{html.escape(knowers)}{since}</div></div>')
    body = "".join(items) or f'<p class="muted">{html.escape(t("time.alerts.none", lang))}</p>'
    bridge = script_nonce.script("parent !== window && parent.postMessage({source: 'brm-graph', type: 'drawn', "
                                 f"view: 'alerts', nodes: {answer['total']}, edges: 0}}, '*');")  # nonce: issue 18
    return (f'<!doctype html><html lang="{"zh-CN" if lang.startswith("zh") else "en"}"><head><meta charset="utf-8">'
            f'<title>{html.escape(t("time.alerts.title", lang))}</title><style>{CSS}</style></head><body>'
            f'<h1>{html.escape(t("time.alerts.title", lang))} ({answer["total"]})</h1>{body}{bridge}</body></html>')
