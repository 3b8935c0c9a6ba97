"""The one Markdown escaper for every export (summary.md, resources.md): people's text stays text, links stay links.

Pure functions, property-tested against a CommonMark parser in tests/rules/test_markdown.py: whatever a person
typed, it renders as exactly that text in its place — no heading, list, link, image, HTML or line of its own.
"""

import re
import unicodedata
from urllib.parse import quote

# Characters that can mean something anywhere in a line (code, emphasis, links and images, autolinks and HTML,
# entities, GFM strikethrough and tables, a heading's opening or closing `#`). With `[` escaped, `(`, `)` and `!`
# can no longer form a link or image.
_ALWAYS = frozenset("\\`*_[]<>&~|#")
# Characters that mean something only at the start of a line's content: a list item ("- ", "+ "), an ordered list
# item ("1." / "1)"). Exports put text after a prefix ("- ", "# "), which is such a start.
_LEADING = frozenset("-+")
_ORDERED = re.compile(r"^(\d{1,9})([.)])")
# What may stay as it is in a link destination: RFC 3986's characters, less the ones Markdown gives a meaning in
# `(...)` ( `(`, `)`, `<`, `>`, `\`, `` ` `` ) and the quote characters. `%` stays: the URL is already encoded.
_LINK_SAFE = "-._~:/?#[]@!$&*+,;=%"


def _printable(text: str) -> str:
    """Control and format characters out (NUL, CR, LF, bidi overrides ...), every run of white space one space."""
    kept = "".join(c if unicodedata.category(c) not in ("Cc", "Cf", "Zl", "Zp") else " " for c in text)
    return " ".join(kept.split())


def text(value: str | None) -> str:
    """Plain text made inert in Markdown: one line, each character with a meaning escaped with a backslash
    (only those, so that the file stays readable as plain text)."""
    escaped = "".join("\\" + c if c in _ALWAYS else c for c in _printable(value or ""))
    if escaped[:1] in _LEADING:
        escaped = "\\" + escaped
    return _ORDERED.sub(r"\1\\\2", escaped)


def link_target(url: str) -> str:
    """A URL made safe inside `(...)`: anything outside the safe set (spaces, brackets, controls) percent-encoded."""
    return quote(url.strip(), safe=_LINK_SAFE)


def link(label: str | None, url: str) -> str:
    return f"[{text(label) or text(url)}]({link_target(url)})"
