"""User text is shown as text: names, chat, questions and links carrying markup run nothing."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import create_meeting, join_via_page, screenshot

pytestmark = pytest.mark.browser

NAME = '<img src=x onerror="window.__xss=1">Eve'
CHAT = "<script>window.__xss=2</script><b>bold?</b>"
QUESTION = '"><svg onload="window.__xss=3"><i>italic?</i>'
TITLE = "<a href=javascript:window.__xss=4>click</a>"


def test_markup_in_names_chat_and_questions_is_shown_literally(site, new_context):
    meeting = create_meeting(site.url, title="<h1>Title</h1> & more")
    mod = new_context().new_page()
    mod.goto(meeting["links"]["console"])
    mod.get_by_test_id("start-meeting").click()

    dialogs: list[str] = []
    eve = new_context().new_page()
    eve.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    mod.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    join_via_page(eve, meeting["links"]["join"], NAME, organisation="<u>Org</u>", question=QUESTION)
    expect(eve.get_by_test_id("meeting-title")).to_have_text("<h1>Title</h1> & more")

    eve.get_by_test_id("chat-text").fill(CHAT)
    eve.get_by_test_id("chat-send").click()
    eve.get_by_test_id("chat-text").fill("see the link")
    eve.get_by_test_id("chat-kind").select_option("resource")
    eve.get_by_test_id("chat-url").fill("https://example.org/?q=<script>")
    eve.get_by_test_id("chat-title").fill(TITLE)
    eve.get_by_test_id("chat-send").click()
    eve.get_by_test_id("hand-button").click()

    pending = mod.get_by_test_id("questions-pending")
    expect(pending.locator(".text")).to_have_text(QUESTION)
    pending.get_by_role("button", name="Approve", exact=False).first.click()
    mod.get_by_test_id("questions-approved").get_by_role("button", name="Put on the table", exact=False).first.click()

    for page in (mod, eve):
        expect(page.get_by_test_id("chat").locator(".text").first).to_have_text(CHAT)
        expect(page.get_by_test_id("chat").get_by_role("link")).to_have_text(TITLE)
        expect(page.get_by_test_id("current-question").locator(".current-text")).to_have_text(QUESTION)
        expect(page.get_by_test_id("people")).to_contain_text(NAME)
        expect(page.get_by_test_id("queue").locator(".name")).to_have_text(NAME)
        assert_nothing_ran(page)
    expect(mod.get_by_test_id("people")).to_contain_text("<u>Org</u>")
    screenshot(mod, "10-console-markup-shown-as-text")
    assert dialogs == []


def test_a_link_that_is_not_http_is_refused(site, new_context):
    meeting = create_meeting(site.url)
    page = new_context().new_page()
    join_via_page(page, meeting["links"]["join"], "Mallory")
    page.get_by_test_id("chat-text").fill("a trick")
    page.get_by_test_id("chat-kind").select_option("resource")
    page.get_by_test_id("chat-url").fill("javascript:window.__xss=5")
    page.get_by_test_id("chat-send").click()
    expect(page.get_by_test_id("notice")).to_contain_text("http:// or https://")
    expect(page.get_by_test_id("chat")).to_contain_text("No messages yet.")
    assert_nothing_ran(page)


def assert_nothing_ran(page: Page) -> None:
    assert page.evaluate("window.__xss") is None
    # No element made from user text: the chat, questions and people lists hold no markup of their own.
    for testid in ("chat", "people", "current-question"):
        assert page.get_by_test_id(testid).locator("img, script, svg, b, i, u, h1").count() == 0


def test_a_page_without_a_valid_token_says_what_to_do(site, new_context):
    meeting = create_meeting(site.url)
    context = new_context()
    page = context.new_page()
    page.goto(f"{site.url}/meeting/{meeting['id']}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Join with your invite link")
    page.goto(f"{site.url}/console/{meeting['id']}#token=not-a-real-token")
    expect(page.get_by_role("heading", level=1)).to_have_text("You cannot enter this meeting")
    assert "token" not in page.url
