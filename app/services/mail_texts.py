"""The texts of mails: a subject, a plain-text body and an HTML body, in the recipient's language.

Every text comes from app/i18n.py's catalogues; whatever people typed (a meeting's title, a form's name, a
follow-up) goes into the HTML only escaped, and a link only when it is an http(s) URL.
"""

import html
from dataclasses import dataclass
from datetime import datetime

from app import clock, i18n
from app.models import Language, MailKind


@dataclass(frozen=True)
class Composed:
    subject: str
    text: str
    html: str


def when(value: datetime) -> str:
    """A time in a mail: unambiguous in every language (the recipient's time zone is not known)."""
    return clock.as_utc(value).strftime("%Y-%m-%d %H:%M UTC")


def _one_line(value: str) -> str:
    # A subject is one header line: a title with a line break would otherwise be refused or folded oddly.
    return " ".join(value.split())


def compose(
    *,
    kind: MailKind,
    language: Language,
    title: str,
    link: str | None = None,
    detail: str = "",
    starts_at: datetime | None = None,
    due: datetime | None = None,
    lines: tuple[str, ...] = (),
) -> Composed:
    """A mail of this kind about `title` (a meeting's or a series' title). `detail` names the form or follow-up,
    `lines` are extra paragraphs (a digest's items), `link` is where the button goes."""
    title, detail = _one_line(title), _one_line(detail)

    def t(key: str, **params: object) -> str:
        return i18n.text(language, key, title=title, detail=detail, **params)

    paragraphs = [t(f"mail.{kind}.intro"), *lines]
    if starts_at is not None:
        paragraphs.append(t("mail.when", when=when(starts_at)))
    if due is not None:
        paragraphs.append(t("mail.due", due=when(due)))
    if kind == MailKind.personal_link:
        paragraphs.append(t("mail.personal_link.keep"))
    if link is not None and not link.startswith(("https://", "http://")):
        raise ValueError("a mail's link must be an http(s) URL")
    footer = t("mail.footer")
    text_parts = list(paragraphs)
    if link:
        text_parts.append(f"{t('mail.open')}: {link}")
    text_parts.extend(["-- ", footer])
    direction = "rtl" if language == Language.ar else "ltr"
    body = "".join(f"<p>{html.escape(p)}</p>\n" for p in paragraphs)
    if link:
        body += f'<p><a href="{html.escape(link, quote=True)}">{html.escape(t("mail.open"))}</a></p>\n'
    body += f'<hr>\n<p style="color:#555;font-size:small">{html.escape(footer)}</p>\n'
    document = (
        f'<!doctype html>\n<html lang="{language}" dir="{direction}">\n<head><meta charset="utf-8">'
        f"<title>{html.escape(_one_line(t(f'mail.{kind}.subject')))}</title></head>\n<body>\n{body}</body>\n</html>\n"
    )
    return Composed(subject=_one_line(t(f"mail.{kind}.subject"))[:300], text="\n\n".join(text_parts) + "\n", html=document)
