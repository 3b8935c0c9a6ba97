"""A whole meeting in several browsers at once: organiser, moderator, three participants."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import join_via_page, screenshot
from tests.support import ORGANISER_KEY

pytestmark = pytest.mark.browser


def queue_names(page: Page) -> list[str]:
    return page.get_by_test_id("queue").locator("li .name").all_inner_texts()


def test_a_whole_meeting(site, new_context):
    errors: list[str] = []

    def watch(page: Page, who: str) -> Page:
        page.on("pageerror", lambda exc: errors.append(f"{who}: {exc}"))
        # Anything the Content-Security-Policy blocked would be a page that half works.
        page.on("console", lambda m: errors.append(f"{who}: {m.text}") if "Content Security Policy" in m.text else None)
        page.on("dialog", lambda dialog: dialog.accept())
        return page

    # The organiser creates the meeting from the organise page.
    organiser = watch(new_context().new_page(), "organiser")
    organiser.goto(f"{site.url}/")
    organiser.get_by_test_id("organise-link").click()
    organiser.get_by_test_id("organiser-key").fill(ORGANISER_KEY)
    organiser.get_by_test_id("sign-in").click()
    organiser.get_by_test_id("meeting-title-input").fill("Ask the audience: intake interviews")
    organiser.get_by_test_id("meeting-format").select_option("ask_the_audience")
    organiser.get_by_test_id("meeting-language").select_option("en")
    organiser.get_by_test_id("create-meeting").click()
    expect(organiser.get_by_test_id("created")).to_contain_text("intake interviews")
    console_link = organiser.get_by_test_id("console-link").input_value()
    join_link = organiser.get_by_test_id("join-link").input_value()
    assert "#token=" in console_link and "/join/" in join_link
    screenshot(organiser, "01-organiser-links")

    # The moderator opens the console; the token leaves the address bar at once.
    mod = watch(new_context().new_page(), "moderator")
    mod.goto(console_link)
    expect(mod.get_by_test_id("meeting-title")).to_have_text("Ask the audience: intake interviews")
    assert "token" not in mod.url
    expect(mod.get_by_test_id("meeting-status")).to_contain_text("Not started yet")
    expect(mod.get_by_test_id("invite-link")).to_have_value(join_link)

    # Anna joins before the start with a keynote question; Bo with an anonymous one.
    anna = watch(new_context().new_page(), "anna")
    join_via_page(anna, join_link, "Anna", "Barnahus Linköping", question="How do you prepare a child for the forensic interview?")
    bo = watch(new_context().new_page(), "bo")
    join_via_page(bo, join_link, "Bo", "Aarhus Kommune", question="Who follows up after the interview?", anonymous=True)

    pending = mod.get_by_test_id("questions-pending")
    expect(pending.locator("li")).to_have_count(2)
    expect(pending).to_contain_text("from Anna")
    expect(pending).to_contain_text("anonymous")
    # Anna sees her own question awaiting approval; Bo's anonymous one is not shown to others.
    expect(anna.get_by_test_id("questions")).to_contain_text("awaiting approval")
    expect(bo.get_by_test_id("questions")).not_to_contain_text("forensic interview")

    # The moderator circulates Anna's question as a keynote question: the invite page shows it.
    pending.locator("li", has_text="forensic interview").get_by_role("button", name=re.compile("^Circulate")).click()
    expect(mod.get_by_test_id("questions-approved")).to_contain_text("circulated")
    expect(bo.get_by_test_id("questions")).to_contain_text("forensic interview")
    chloe = watch(new_context().new_page(), "chloe")
    chloe.goto(join_link)
    expect(chloe.get_by_test_id("circulated")).to_contain_text("forensic interview")
    screenshot(chloe, "02-join-with-circulated-questions")
    join_via_page(chloe, join_link, "Chloé", "Red Cross Denmark")
    expect(mod.get_by_test_id("people")).to_contain_text("Chloé")
    expect(anna.get_by_test_id("people")).to_contain_text("Chloé")
    screenshot(mod, "03-console-before-start")

    # The meeting starts; every page sees it without reload.
    mod.get_by_test_id("start-meeting").click()
    for page in (anna, bo, chloe):
        expect(page.get_by_test_id("meeting-status")).to_contain_text("Live")
        expect(page.get_by_test_id("hand-button")).to_be_visible()

    # Hands: Anna, then Bo. The moderator gives the floor to the next: Anna.
    anna.get_by_test_id("hand-button").click()
    expect(anna.get_by_test_id("hand-position")).to_have_text("You are next in line.")
    # The note field is folded away until Bo asks for it.
    expect(bo.get_by_test_id("hand-note")).to_be_hidden()
    bo.get_by_test_id("hand-note-toggle").click()
    bo.get_by_label("Note for the moderator (optional)").fill("We have a checklist for this")
    bo.get_by_test_id("hand-button").click()
    expect(bo.get_by_test_id("hand-position")).to_have_text("You are 2nd in line.")
    expect(bo.get_by_test_id("hand-note")).to_be_hidden()
    expect(mod.get_by_test_id("queue").locator("li")).to_have_count(2)
    expect(mod.get_by_test_id("queue").locator("li").nth(1)).to_contain_text("We have a checklist for this")
    mod.get_by_test_id("give-next").click()
    expect(anna.get_by_test_id("floor-you")).to_have_text("You have the floor")
    expect(anna.get_by_test_id("announce-assertive")).to_contain_text("You have the floor")
    expect(chloe.get_by_test_id("floor-name")).to_have_text("Anna")
    expect(bo.get_by_test_id("hand-position")).to_have_text("You are next in line.")
    screenshot(anna, "04-participant-has-the-floor")

    # Anna finishes and raises her hand again before Chloé: fairness puts Bo and Chloé first.
    anna.get_by_role("button", name="I have finished speaking").click()
    expect(chloe.get_by_test_id("floor")).to_contain_text("Nobody has the floor.")
    anna.get_by_test_id("hand-button").click()
    expect(anna.get_by_test_id("hand-position")).to_have_text("You are 2nd in line.")
    chloe.get_by_test_id("hand-button").click()
    expect(anna.get_by_test_id("hand-position")).to_have_text("You are 3rd in line.")
    expect(anna.get_by_test_id("announce-polite")).to_contain_text("You are 3rd in line.")
    for page in (mod, anna, bo, chloe):
        expect(page.get_by_test_id("queue").locator("li .name")).to_have_text(["Bo", "Chloé", "Anna"])
        expect(page.get_by_test_id("queue-rule")).to_contain_text("not spoken yet go first")
    expect(mod.get_by_test_id("queue").locator("li", has_text="Chloé")).to_contain_text("first time")
    screenshot(mod, "05-console-queue-fairness")
    screenshot(bo, "06-participant-queue")

    # The moderator gives the floor to a chosen person: Chloé.
    mod.get_by_role("button", name="Give the floor to Chloé").click()
    expect(chloe.get_by_test_id("floor-you")).to_be_visible()
    expect(bo.get_by_test_id("floor-name")).to_have_text("Chloé")
    expect(mod.get_by_test_id("queue").locator("li .name")).to_have_text(["Bo", "Anna"])
    mod.get_by_test_id("finish-speaking").click()
    expect(chloe.get_by_test_id("floor-you")).to_have_count(0)

    # A question during the meeting: Chloé asks, the moderator approves, sets it current, marks it answered.
    chloe.get_by_test_id("question-text").fill("Which tools help with interpreters in the room?")
    chloe.get_by_test_id("question-submit").click()
    question = mod.get_by_test_id("questions-pending").locator("li", has_text="interpreters")
    question.get_by_role("button", name=re.compile("^Approve")).click()
    approved = mod.get_by_test_id("questions-approved").locator("li", has_text="interpreters")
    approved.get_by_role("button", name=re.compile("^Put on the table")).click()
    for page in (mod, anna, bo, chloe):
        expect(page.get_by_test_id("current-question")).to_contain_text("interpreters")
    bo.get_by_test_id("questions").locator("li", has_text="interpreters").get_by_role("button", name=re.compile("^Upvote")).click()
    expect(anna.get_by_test_id("questions").locator("li", has_text="interpreters").locator(".upvote")).to_contain_text("1")
    expect(approved).to_contain_text("1 votes")
    # Keyboard reordering: move the new question above Anna's.
    approved.get_by_role("button", name=re.compile("^Move up")).press("Enter")
    expect(bo.get_by_test_id("questions").locator("li .text").first).to_contain_text("interpreters")
    screenshot(mod, "07-console-questions")
    approved.get_by_role("button", name=re.compile("^Mark answered")).click()
    for page in (anna, bo, chloe):
        expect(page.get_by_test_id("current-question")).to_contain_text("No question is on the table.")
        expect(page.get_by_test_id("questions").locator("li", has_text="interpreters")).to_contain_text("answered")

    # Chat: a message, a resource shown as a link; the moderator hides a message.
    anna.get_by_test_id("chat-text").fill("We use a child-friendly room and a short walk-through.")
    anna.get_by_test_id("chat-send").click()
    bo.get_by_test_id("chat-text").fill("Guidance on interpreters")
    bo.get_by_test_id("chat-kind").select_option("resource")
    bo.get_by_test_id("chat-url").fill("https://example.org/interpreters")
    bo.get_by_test_id("chat-title").fill("Interpreters in Barnahus")
    bo.get_by_test_id("chat-send").click()
    for page in (mod, anna, chloe):
        link = page.get_by_test_id("chat").get_by_role("link", name="Interpreters in Barnahus")
        expect(link).to_have_attribute("href", "https://example.org/interpreters")
        expect(page.get_by_test_id("chat")).to_contain_text("child-friendly room")
    expect(chloe.get_by_test_id("announce-polite")).to_contain_text("Bo: Guidance on interpreters")
    expect(mod.get_by_test_id("resources")).to_contain_text("Interpreters in Barnahus")
    screenshot(chloe, "08-participant-chat")
    chloe.get_by_test_id("chat-text").fill("Off-topic line to hide")
    chloe.get_by_test_id("chat-send").click()
    expect(anna.get_by_test_id("chat")).to_contain_text("Off-topic line to hide")
    mod.get_by_role("button", name=re.compile("^Hide the message from Chloé")).click()
    expect(anna.get_by_test_id("chat")).not_to_contain_text("Off-topic line to hide")

    # The moderator downloads what the chat collected, as Markdown.
    with mod.expect_download() as download_info:
        mod.get_by_test_id("resources-download").click()
    markdown = download_info.value.path().read_text(encoding="utf-8")
    assert "[Interpreters in Barnahus](https://example.org/interpreters)" in markdown
    assert "shared by Bo" in markdown
    screenshot(mod, "09-console-live")

    # Presence: Bo leaves; the moderator removes Chloé, whose page says so.
    bo.context.close()
    expect(mod.get_by_test_id("people").locator("li", has_text="Bo")).to_contain_text("away")
    mod.get_by_role("button", name="Remove Chloé from the meeting").click()
    expect(chloe.get_by_role("heading", name="You have left the meeting")).to_be_visible()
    expect(anna.get_by_test_id("people")).not_to_contain_text("Chloé")

    # The meeting ends for everyone.
    mod.get_by_test_id("end-meeting").click()
    expect(anna.get_by_test_id("meeting-status")).to_contain_text("Ended")
    expect(anna.get_by_test_id("hand-position")).to_have_text("The meeting has ended.")
    assert errors == []
