"""The record as a printable HTML page: server-rendered, every text escaped, no script, no navigation, one
stylesheet of its own (inline, so the downloaded file prints the same anywhere) that prints cleanly to PDF:
readable serif type, a page break before each section, links printed with their address. Right to left in Arabic."""

import base64
import hashlib
from html import escape
from typing import Any

from app import i18n
from app.services.record import form_lines

STYLE = """
:root { color-scheme: light; }
body { font-family: Georgia, "Noto Serif", "Noto Naskh Arabic", serif; font-size: 12pt; line-height: 1.5; color: #111;
       background: #fff; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 20pt; margin: 0 0 .5rem; }
h2 { font-size: 15pt; border-bottom: 1px solid #444; padding-bottom: .2rem; margin-top: 2rem; }
h3 { font-size: 13pt; }
h4 { font-size: 12pt; }
a { color: #0645ad; }
.meta { color: #333; }
.hint { border: 1px solid #888; padding: .5rem .75rem; }
@media print {
  @page { margin: 2cm; }
  body { margin: 0; max-width: none; font-size: 11pt; }
  .hint { display: none; }
  section { break-before: page; }
  section:first-of-type { break-before: auto; }
  h2, h3, h4 { break-after: avoid; }
  li { break-inside: avoid; }
  a { color: #111; text-decoration: none; }
  a[href]::after { content: " (" attr(href) ")"; font-size: 9pt; }
}
"""


# The page's Content-Security-Policy: its inline stylesheet by hash, and nothing else at all.
POLICY = (
    f"default-src 'none'; style-src 'sha256-{base64.b64encode(hashlib.sha256(STYLE.encode()).digest()).decode()}'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)


def _list(items: list[str], empty: str) -> str:
    if not items:
        return f"<p>{escape(empty)}</p>\n"
    return "<ul>\n" + "".join(f"<li>{item}</li>\n" for item in items) + "</ul>\n"


def page(data: dict[str, Any]) -> str:
    m = data["meeting"]
    language = m.get("language", "en")

    def tr(key: str, **params: object) -> str:
        return i18n.text(language, key, **params)

    def t(key: str, **params: object) -> str:
        return escape(tr(key, **params))

    sections: list[str] = []

    def section(heading: str, body: str) -> None:
        sections.append(f"<section>\n<h2>{escape(heading)}</h2>\n{body}</section>\n")

    part = data["participants"]
    body = f"<p>{t('summary.participant_count', count=part['count'])}</p>\n"
    body += _list([f"{escape(o['name'])} ({o['participants']})" for o in part["organisations"]], "") if part["organisations"] else ""
    if part["named"]:
        body += f"<p>{t('summary.named', names=', '.join(part['named']))}</p>\n"
    section(tr("summary.participants"), body)

    questions = [
        f"[{t('summary.status.' + q['status'])}] {escape(q['text'])}"
        + (f", {t('summary.asked_by', name=q['asked_by'])}" if q["asked_by"] else "")
        for q in data["questions"]
    ]
    section(tr("summary.questions"), _list(questions, tr("summary.no_questions")))

    if "resources" in data:
        links = []
        for r in data["resources"]:
            url = r["url"] if str(r["url"]).startswith(("https://", "http://")) else None
            title = escape(r["title"] or r["url"])
            links.append(f'<a href="{escape(url, quote=True)}">{title}</a>' if url else title)
        section(tr("summary.resources"), _list(links, tr("summary.no_resources")))

    if data.get("boards"):
        body = ""
        for board in data["boards"]:
            body += f"<h3>{escape(board['name'])}</h3>\n"
            for column in board["columns"]:
                cards = []
                for card in column["cards"]:
                    details = [escape(tag) for tag in card["tags"]]
                    if card["theme"]:
                        details.append(t("summary.board.theme", theme=card["theme"]))
                    if card["owner"]:
                        details.append(t("summary.board.owner", owner=card["owner"]))
                    if card["due"]:
                        details.append(t("summary.board.due", date=card["due"]))
                    if card["votes"]:
                        details.append(t("summary.board.votes", count=card["votes"]))
                    if card["anonymous"]:
                        details.append(t("summary.board.anonymous"))
                    elif card["by"]:
                        details.append(t("summary.board.by", name=card["by"]))
                    cards.append(escape(card["text"]) + (f" ({'; '.join(details)})" if details else ""))
                body += f"<h4>{escape(column['name'])}</h4>\n" + _list(cards, tr("summary.board.no_cards"))
        section(tr("summary.boards"), body)

    if "followups" in data:
        items = []
        for f in data["followups"]:
            details = [t("summary.followup." + f["status"])]
            if f["owner"]:
                details.append(t("summary.followup.owner", owner=f["owner"]))
            if f["due_on"]:
                details.append(t("summary.followup.due", date=f["due_on"]))
            items.append(f"{escape(f['text'])} ({', '.join(details)})")
        section(tr("summary.followup"), _list(items, tr("summary.no_followup")))

    body = ""
    for title, lines in form_lines(data):
        body += f"<h3>{escape(title)}</h3>\n" + _list([escape(line.strip()) for line in lines], "")
    section(tr("record.forms"), body or f"<p>{t('record.no_forms')}</p>\n")

    direction = "rtl" if language == "ar" else "ltr"
    title = tr("record.title", title=m["title"])
    return (
        f'<!doctype html>\n<html lang="{escape(language)}" dir="{direction}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{escape(title)}</title>\n'
        f"<style>{STYLE}</style>\n</head>\n<body>\n<main>\n<h1>{escape(title)}</h1>\n"
        f'<p class="meta">{t("summary.date")}: {escape(m["date"])}</p>\n'
        f'<p class="hint">{t("record.print_hint")}</p>\n' + "".join(sections) + "</main>\n</body>\n</html>\n"
    )
