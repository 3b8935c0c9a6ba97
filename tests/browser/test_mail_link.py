"""The link in the mail a person gets when they give an address opens their meeting page in any browser,
and the token does not stay in the address bar."""

import httpx
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import create_meeting, join_via_page

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


def test_an_address_given_when_joining_is_the_persons_and_the_moderators_only(site, new_context):
    meeting = create_meeting(site.url, title="Open meeting: school contacts", format="open")
    errors: list[str] = []
    mod = new_context().new_page()
    mod.on("pageerror", lambda exc: errors.append(f"moderator: {exc}"))
    mod.goto(meeting["links"]["console"])
    anna = new_context().new_page()
    anna.on("pageerror", lambda exc: errors.append(f"anna: {exc}"))
    anna.goto(meeting["links"]["join"])
    anna.get_by_test_id("join-name").fill("Anna")
    anna.get_by_test_id("join-email").fill("not an address")
    anna.get_by_test_id("join-submit").click()
    # The browser's own check holds the form back; nobody joined.
    assert "/join/" in anna.url
    anna.get_by_test_id("join-email").fill("anna.private@example.org")
    anna.get_by_test_id("join-submit").click()
    anna.wait_for_url("**/meeting/*")
    expect(anna.get_by_test_id("my-email-status")).to_contain_text("anna.private@example.org")

    bo = new_context().new_page()
    bo.on("pageerror", lambda exc: errors.append(f"bo: {exc}"))
    join_via_page(bo, meeting["links"]["join"], "Bo")
    expect(bo.get_by_text("Anna").first).to_be_visible()
    expect(bo.get_by_test_id("my-email-status")).to_contain_text("You have not given an e-mail address.")
    assert "anna.private" not in bo.content()

    # The moderator sees who gets mail, and that nothing goes out without a mail server; not Anna's link.
    mod.get_by_test_id("mail-report-show").click()
    expect(mod.get_by_test_id("mail-no-server")).to_be_visible()
    expect(mod.get_by_test_id("mail-report")).to_contain_text("anna.private@example.org")
    expect(mod.get_by_test_id("mail-item")).to_contain_text("not sent: no mail server")
    assert anna.evaluate("() => Object.values(localStorage).join(' ')").split('"token":"')[1].split('"')[0] not in mod.content()

    anna.get_by_test_id("my-email-take-back").click()
    expect(anna.get_by_test_id("my-email-status")).to_contain_text("Your address is deleted")
    mod.get_by_test_id("mail-report-show").click()
    expect(mod.get_by_test_id("mail-report")).not_to_contain_text("anna.private")
    assert errors == []
