"""axe-core finds nothing on any page, in English, Danish and Arabic; everything works by keyboard."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, create_meeting, join_via_page, screenshot
from tests.support import ORGANISER_KEY

pytestmark = pytest.mark.browser

TEXT = {
    "en": {"organise": "Organise a meeting", "live": "Live", "floor": "You have the floor", "raise": "Raise hand", "position": "You are next in line."},
    "da": {"organise": "Planlæg et møde", "live": "I gang", "floor": "Du har ordet", "raise": "Ræk hånden op", "position": "Du er den næste i køen."},
    "ar": {"organise": "تنظيم اجتماع", "live": "جارٍ الآن", "floor": "الكلمة لك", "raise": "ارفع يدك", "position": "أنت التالي في الدور."},
}


@pytest.mark.parametrize("language", ["en", "da", "ar"])
def test_every_page_and_state_passes_axe(site, new_context, language):
    words = TEXT[language]
    visitor = new_context(language, axe=True).new_page()
    visitor.goto(f"{site.url}/")
    expect(visitor.get_by_role("heading", level=2).first).to_have_text(words["organise"])
    assert visitor.evaluate("document.documentElement.lang") == language
    assert_accessible(visitor, f"landing ({language})")

    visitor.goto(f"{site.url}/organise")
    assert_accessible(visitor, f"organise form ({language})")
    visitor.get_by_test_id("organiser-key").fill(ORGANISER_KEY)
    visitor.get_by_test_id("sign-in").click()
    visitor.get_by_test_id("meeting-title-input").fill(f"Tour de table ({language})")
    visitor.get_by_test_id("meeting-format").select_option("tour_de_table")
    visitor.get_by_test_id("create-meeting").click()
    visitor.get_by_test_id("created").wait_for()
    visitor.get_by_test_id("co-moderator-name").fill("Dina")
    visitor.get_by_test_id("co-moderator-add").click()
    visitor.get_by_test_id("co-moderator-link-0").wait_for()
    assert_accessible(visitor, f"organise result with a co-moderator link ({language})")
    console_link = visitor.get_by_test_id("console-link").input_value()
    join_link = visitor.get_by_test_id("join-link").input_value()

    mod = new_context(language, axe=True).new_page()
    mod.on("dialog", lambda dialog: dialog.accept())
    mod.goto(console_link)
    mod.get_by_test_id("start-meeting").wait_for()
    assert_accessible(mod, f"console before the start ({language})")

    person = new_context(language, axe=True).new_page()
    person.goto(join_link)
    person.get_by_test_id("join-name").wait_for()
    assert_accessible(person, f"join page ({language})")
    join_via_page(person, join_link, "Ida", "Odense Kommune", question="Hvordan inddrager I forældrene?")
    assert_accessible(person, f"participant page before the start ({language})")

    mod.get_by_test_id("start-meeting").click()
    expect(person.get_by_test_id("meeting-status")).to_contain_text(words["live"])
    # The hand is raised by keyboard alone.
    hand = person.get_by_test_id("hand-button")
    expect(hand).to_have_text(words["raise"])
    hand.focus()
    person.keyboard.press("Enter")
    expect(person.get_by_test_id("hand-position")).to_have_text(words["position"])
    person.get_by_test_id("chat-text").fill("Hej alle")
    person.get_by_test_id("chat-send").click()
    expect(mod.get_by_test_id("chat")).to_contain_text("Hej alle")
    assert_accessible(person, f"participant page with a raised hand ({language})")
    assert_accessible(mod, f"console with a queue, a question and chat ({language})")

    mod.get_by_test_id("give-next").focus()
    mod.keyboard.press("Enter")
    expect(person.get_by_test_id("floor-you")).to_have_text(words["floor"])
    assert_accessible(person, f"participant page with the floor ({language})")
    screenshot(person, f"12-participant-floor-{language}")
    screenshot(mod, f"13-console-{language}")

    # Switching language on the page changes every string at once.
    other = "da" if language == "en" else "en"
    person.get_by_test_id("language").focus()
    person.get_by_test_id("language").select_option(other)
    expect(person.get_by_test_id("floor-you")).to_have_text(TEXT[other]["floor"])
    assert person.evaluate("document.documentElement.lang") == other
    expect(person.get_by_test_id("language")).to_be_focused()
    assert_accessible(person, f"participant page switched to {other}")

    # The recording question and a breakout, with the hand note open, back in this language.
    person.get_by_test_id("language").select_option(language)
    expect(person.get_by_test_id("floor-you")).to_have_text(words["floor"])
    mod.get_by_test_id("consent-open-opening").click()
    person.get_by_test_id("consent-yes").wait_for()
    assert_accessible(person, f"participant page with the recording question ({language})")
    assert_accessible(mod, f"console with the recording question ({language})")
    mod.get_by_test_id("consent-close").click()
    mod.get_by_test_id("breakout-count").fill("1")
    mod.get_by_test_id("breakout-room-name-1").fill("Intake")
    mod.get_by_test_id("breakout-start").click()
    person.get_by_test_id("breakout-my-room").wait_for()
    person.get_by_test_id("room-chat-kind").select_option("resource")
    assert_accessible(person, f"participant page in a breakout room ({language})")
    assert_accessible(mod, f"console during a breakout ({language})")
    mod.get_by_test_id("breakout-end").click()
    person.get_by_test_id("breakout-returned").wait_for()
    mod.get_by_test_id("finish-speaking").click()
    person.get_by_test_id("hand-note-toggle").click()
    person.get_by_test_id("hand-note").wait_for()
    assert_accessible(person, f"participant page with the hand note open ({language})")
    person.get_by_test_id("hand-note-toggle").click()


def test_focus_is_visible_and_kept_while_lists_change(site, new_context):
    meeting = create_meeting(site.url)
    mod = new_context().new_page()
    mod.goto(meeting["links"]["console"])
    person = new_context().new_page()
    join_via_page(person, meeting["links"]["join"], "Kim", question="First question")
    join_via_page(new_context().new_page(), meeting["links"]["join"], "Lea", question="Second question")
    pending = mod.get_by_test_id("questions-pending")
    for text in ("First question", "Second question"):
        pending.locator("li", has_text=text).get_by_role("button", name=re.compile("^Approve")).click()
    approved = mod.get_by_test_id("questions-approved")
    expect(approved.locator("li")).to_have_count(2)
    down = approved.locator("li", has_text="First question").get_by_role("button", name=re.compile("^Move down"))
    # Reach the button by keyboard (Shift+Tab, Tab), as :focus-visible applies to keyboard focus.
    down.focus()
    mod.keyboard.press("Shift+Tab")
    mod.keyboard.press("Tab")
    expect(down).to_be_focused()
    outline = down.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline == "solid"
    mod.keyboard.press("Enter")
    expect(approved.locator("li .text")).to_have_text(["Second question", "First question"])
    # Focus stays in the list (on the moved question's other button), not thrown to the page top.
    focused = mod.evaluate("document.activeElement && document.activeElement.closest('[data-question]') && document.activeElement.closest('[data-question]').textContent")
    assert focused and "First question" in focused


def test_the_meeting_language_is_the_default_and_each_person_can_switch(site, new_context):
    meeting = create_meeting(site.url, title="Netværksmøde", format="tour_de_table", language="da")
    page = new_context().new_page()
    page.goto(meeting["links"]["join"])
    expect(page.get_by_test_id("join-submit")).to_have_text("Deltag i mødet")
    assert page.evaluate("document.documentElement.lang") == "da"
    page.get_by_test_id("language").select_option("en")
    expect(page.get_by_test_id("join-submit")).to_have_text("Join the meeting")
    # The choice is the person's own: it holds on the next page too.
    join_via_page(page, meeting["links"]["join"], "Jens")
    expect(page.get_by_test_id("hand-position")).to_have_text("Hands open when the meeting starts.")
