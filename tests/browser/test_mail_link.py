"""The link in the mail a person gets when they give an address opens their meeting page in any browser,
and the token does not stay in the address bar."""

import httpx
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import create_meeting

pytestmark = pytest.mark.browser


def test_the_mailed_link_opens_the_meeting_page_in_a_fresh_browser(site, new_context):
    meeting = create_meeting(site.url, title="Open meeting: school contacts", format="open")
    joined = httpx.post(
        f"{site.url}/api/v1/join", json={"join_code": meeting["join_code"], "display_name": "Anna", "email": "anna@example.org"}, timeout=10
    ).json()
    # As the mail carries it (tests/mail/test_routes.py checks the mail itself).
    link = f"{site.url}/meeting/{meeting['id']}#token={joined['token']}"
    page = new_context().new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(link)
    expect(page.get_by_test_id("retention-notice")).to_contain_text("30 days")
    assert "#token" not in page.url
    page.reload()  # kept in the browser, as after joining on the page
    expect(page.get_by_test_id("retention-notice")).to_be_visible()
    assert errors == []
