"""The one Markdown escaper, read back by a CommonMark parser: no user text can leave its place."""

from urllib.parse import unquote

from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from app import markdown
from app.rules import urls

PARSER = MarkdownIt("commonmark")

HOSTILE = [
    "x)\r\n\r\n<script>alert(1)</script>",
    "# Heading",
    "1. list",
    "- item\n- item",
    "[link](javascript:alert(1))",
    "![img](https://evil.example/x.png)",
    "<https://autolink.example>",
    "**bold** _em_ `code` ~~strike~~",
    "&lt;b&gt; &amp;",
    "\\",
    "line\u2028break\u2029para\x85next",
    "\u202eevil\u202c",
    "|table|cell|\n|---|---|",
    "> quote",
    "    indented code",
    "a\x00b",
]


def expected_text(value: str) -> str:
    return markdown._printable(value)


def inline_children(document: str) -> list:
    tokens = PARSER.parse(document)
    assert [t.type for t in tokens] == [
        "bullet_list_open", "list_item_open", "paragraph_open", "inline", "paragraph_close", "list_item_close", "bullet_list_close",
    ], document
    return tokens[3].children or []


# Every place an export puts a person's text: a list item, after other words, a heading, a sub-heading.
PLACES = ["- {}", "- prefix {} suffix", "- {}: {}", "# {}", "## Title: {}", "- [answered] {}, asked by {}"]


@settings(deadline=None)
@given(st.text())
@example("")
def test_any_text_renders_as_exactly_itself_in_every_place(value):
    for hostile in [value, *HOSTILE]:
        if not expected_text(hostile):
            continue  # nothing to show (an empty item is no break-out)
        for place in PLACES:
            document = place.format(*[markdown.text(hostile)] * place.count("{}"))
            reference = place.format(*["WORD"] * place.count("{}"))
            tokens, expected = PARSER.parse(document), PARSER.parse(reference)
            assert [t.type for t in tokens] == [t.type for t in expected], (hostile, document)
            inline = next(t for t in tokens if t.type == "inline")
            assert [c.type for c in inline.children or []] in (["text"], []), (hostile, document, inline.children)
            shown = "".join(c.content for c in inline.children or [])
            plain = expected_text(hostile)
            assert shown == next(t for t in expected if t.type == "inline").content.replace("WORD", plain).strip(), (hostile, document)


@settings(deadline=None)
@given(st.text(), st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_a_link_keeps_its_label_and_its_target(label, path):
    for hostile_label in [label, *HOSTILE]:
        url = "https://example.org/" + path
        children = inline_children(f"- {markdown.link(hostile_label, url)}, shared by {markdown.text(hostile_label)}")
        assert [c.type for c in children][:3] == ["link_open", "text", "link_close"] or (
            [c.type for c in children][:2] == ["link_open", "link_close"]
        ), children
        href = children[0].attrs["href"]
        assert unquote(href) == unquote(markdown.link_target(url))
        assert href.startswith("https://example.org/")
        assert all(c.type == "text" for c in children[3:] if c.type != "link_open")
        assert "link_open" not in [c.type for c in children[1:]]


@settings(deadline=None)
@given(st.text(max_size=80))
@example("x)\r\n\r\n<script>alert(1)</script>")
def test_a_stored_url_with_line_breaks_cannot_break_out_of_its_link(tail):
    # URLs are validated when shared, but an export must be safe for whatever is stored.
    url = "https://example.org/" + tail
    children = inline_children(f"- {markdown.link('Title', url)} end")
    types = [c.type for c in children]
    assert types == ["link_open", "text", "link_close", "text"], children
    assert children[-1].content == " end"


def test_validated_links_render_as_links():
    for raw in ("https://example.org/a_(b)?q=1#x", "http://EXAMPLE.org:8080/path", "https://bücher.example/ä"):
        url = urls.normalise_http_url(raw)
        children = inline_children(f"- {markdown.link(None, url)}")
        assert children[0].type == "link_open"
        assert unquote(children[0].attrs["href"]) == unquote(markdown.link_target(url))
