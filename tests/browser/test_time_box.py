"""A Tour de table with a time box for each question: the moderator sets it in the console's settings, everyone
(one on a phone) sees the same countdown, it turns to a warning before the end, and at zero a gentle notice
tells the person to round off while the turn goes on."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, create_meeting, join_via_page, screenshot

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}


def test_every_screen_counts_down_the_same_turn_and_says_when_the_time_is_up(site, new_context):
    meeting = create_meeting(site.url, title="Tour de table: interpreters", format="tour_de_table")
    errors: list[str] = []
    mod = new_context().new_page()
    mod.goto(meeting["links"]["console"])
    amal = new_context(**PHONE).new_page()
    bo = new_context(axe=True).new_page()
    join_via_page(amal, meeting["links"]["join"], "Amal", "Refugee council")
    join_via_page(bo, meeting["links"]["join"], "Bo", "Aarhus Kommune")
    pages = {"moderator": mod, "Amal": amal, "Bo": bo}
    for who, page in pages.items():
        page.on("pageerror", lambda exc, who=who: errors.append(f"{who}: {exc}"))

    mod.get_by_test_id("start-meeting").click()
    # Eight seconds a question; at zero a gentle notice.
    mod.get_by_test_id("time-box").fill("8")
    mod.get_by_test_id("time-box-action").select_option("notice")
    mod.get_by_test_id("time-box-save").click()
    expect(mod.get_by_test_id("time-box")).to_have_value("8")
    current_step = mod.get_by_test_id("stepper").locator("[aria-current=step]")
    mod.get_by_test_id("stage-next").click()
    expect(current_step).to_contain_text("Opening")
    mod.get_by_test_id("stage-next").click()
    expect(current_step).to_contain_text("Rounds")
    mod.get_by_test_id("turn-next").click()  # Amal's turn

    expect(amal.get_by_test_id("turn-yours")).to_be_visible()
    for who, page in pages.items():
        expect(page.get_by_test_id("turn-countdown"), who).to_contain_text("left")
    assert_accessible(bo, "a turn with a countdown")

    # Two seconds before the end (a quarter of the box) everyone is warned; at zero Amal is asked to round off.
    for who, page in pages.items():
        expect(page.get_by_test_id("turn-time-box"), who).to_have_class("countdown countdown-warning", timeout=15_000)
    expect(amal.get_by_test_id("turn-countdown")).to_have_text("Your time is up: please round off.", timeout=15_000)
    for who in ("moderator", "Bo"):
        expect(pages[who].get_by_test_id("turn-countdown"), who).to_have_text("Time is up for this turn.")
    # A notice, not an end: the turn is still Amal's.
    expect(amal.get_by_test_id("turn-yours")).to_be_visible()
    screenshot(amal, "time-box-up-phone")
    # A page opened now shows the same.
    bo.reload()
    expect(bo.get_by_test_id("turn-countdown")).to_have_text("Time is up for this turn.")

    # The next turn starts a fresh box of its own.
    mod.get_by_test_id("turn-next").click()
    expect(bo.get_by_test_id("turn-yours")).to_be_visible()
    expect(bo.get_by_test_id("turn-countdown")).to_contain_text("left")
    assert errors == []
