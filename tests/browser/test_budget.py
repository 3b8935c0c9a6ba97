"""The participant page stays light for phones on weak connections."""

import gzip

import pytest

pytestmark = pytest.mark.browser

BUDGET = 100 * 1024


def test_the_participant_page_script_is_under_100_kb_gzipped(built_frontend):
    script = (built_frontend / "assets" / "meeting.js").read_bytes()
    size = len(gzip.compress(script, compresslevel=9))
    assert size < BUDGET, f"meeting.js is {size} bytes gzipped"


def test_the_pages_carry_no_inline_script_or_style(built_frontend):
    for page in built_frontend.glob("*.html"):
        html = page.read_text()
        assert "<script>" not in html and "<style" not in html and " style=" not in html, page.name
        assert '<script type="module" src="/assets/' in html
