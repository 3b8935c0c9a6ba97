"""Markdown exports with hostile text in every place a person can type: read back by a CommonMark parser, nothing
leaves its place (no HTML, no extra link, no line of its own)."""

from markdown_it import MarkdownIt

PARSER = MarkdownIt("commonmark")
BREAKOUT = "x)\r\n\r\n<script>alert(1)</script>[more](javascript:alert(1))"


def kinds(document: str) -> list[str]:
    found: list[str] = []
    for token in PARSER.parse(document):
        found.append(token.type)
        found += [child.type for child in token.children or []]
    return found


async def test_a_link_with_line_breaks_is_refused(room):
    r = await room("Anna")
    for url in (f"https://example.org/{BREAKOUT}", "https://example.org/a\nb", "https://example.org/\u202eexe.pdf"):
        answer = await r["Anna"].command("chat.send", text="Look", kind="resource", url=url)
        assert answer["ok"] is False and answer["error"]["code"] == "invalid_input", url


async def test_hostile_text_stays_text_in_resources_and_summary(room, api):
    r = await room("Anna")
    await r["Anna"].ok("chat.send", text=f"note {BREAKOUT}", kind="resource", url="https://example.org/guide_(v2)", title=f"title {BREAKOUT}")
    await r["Anna"].ok("question.submit", text=f"question {BREAKOUT}")
    auth = {"Authorization": f"Bearer {r.meeting['moderator_token']}"}
    for path in ("resources.md", "summary.md"):
        document = (await api.http.get(f"/api/v1/meetings/{r.meeting['id']}/{path}", headers=auth)).text
        found = kinds(document)
        assert "html_block" not in found and "html_inline" not in found, document
        assert found.count("link_open") == 1, document  # the shared resource, and nothing else
        shown = "".join(c.content for t in PARSER.parse(document) for c in t.children or [] if c.type == "text")
        assert "x) <script>alert(1)</script>[more](javascript:alert(1))" in shown  # shown as typed, never as markup
        links = [c for t in PARSER.parse(document) for c in t.children or [] if c.type == "link_open"]
        assert links[0].attrs["href"] == "https://example.org/guide_%28v2%29", document
