"""The moderator ends a Tour de table mid-turn, with someone speaking, hands up and a thinking break running:
on every screen the speaker, the running timers, the turn in progress and the queue are gone at once."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import create_meeting, join_via_page

pytestmark = pytest.mark.browser


def test_ending_the_meeting_leaves_no_speaker_and_no_running_timer_on_any_screen(site, new_context):
    meeting = create_meeting(site.url, title="Tour de table: interpreters", format="tour_de_table")
    errors: list[str] = []
    mod = new_context().new_page()
    mod.on("dialog", lambda dialog: dialog.accept())
    mod.goto(meeting["links"]["console"])
    amal, bo = new_context().new_page(), new_context().new_page()
    join_via_page(amal, meeting["links"]["join"], "Amal", "Refugee council")
    join_via_page(bo, meeting["links"]["join"], "Bo", "Aarhus Kommune")
    pages = {"moderator": mod, "Amal": amal, "Bo": bo}
    for who, page in pages.items():
        page.on("pageerror", lambda exc, who=who: errors.append(f"{who}: {exc}"))

    mod.get_by_test_id("start-meeting").click()
    current_step = mod.get_by_test_id("stepper").locator("[aria-current=step]")
    mod.get_by_test_id("stage-next").click()
    expect(current_step).to_contain_text("Opening")
    mod.get_by_test_id("stage-next").click()
    expect(current_step).to_contain_text("Rounds")
    mod.get_by_test_id("turn-next").click()  # Amal's turn
    expect(amal.get_by_test_id("turn-yours")).to_be_visible()
    amal.get_by_test_id("hand-button").click()
    expect(mod.get_by_test_id("queue")).to_contain_text("Amal")
    mod.get_by_test_id("give-next").click()
    bo.get_by_test_id("hand-button").click()
    expect(mod.get_by_test_id("queue")).to_contain_text("Bo")
    expect(bo.get_by_test_id("hand-position")).to_be_visible()
    mod.get_by_test_id("breakout-kind").select_option("thinking")
    mod.get_by_test_id("breakout-start").click()
    for page in pages.values():
        expect(page.get_by_test_id("breakout-countdown")).to_be_visible()
    for page in (mod, bo):
        expect(page.get_by_test_id("floor-name")).to_have_text("Amal")
        expect(page.get_by_test_id("floor-timer")).to_be_visible()
    expect(amal.get_by_test_id("floor-you")).to_be_visible()

    mod.get_by_test_id("end-meeting").click()

    for who, page in pages.items():
        expect(page.get_by_test_id("floor"), who).to_contain_text("ended")
        for gone in ("floor-name", "floor-you", "floor-timer", "breakout-countdown", "turn-yours"):
            expect(page.get_by_test_id(gone), f"{who}: {gone}").not_to_be_visible()
        expect(page.get_by_role("timer"), f"{who}: a running timer").to_have_count(0)
    expect(mod.get_by_test_id("queue")).not_to_contain_text("Bo")
    expect(bo.get_by_test_id("hand-position")).to_have_text("The meeting has ended.")
    expect(mod.get_by_test_id("turn-order")).to_contain_text("Amal")
    # A page opened after the end shows the same: nothing left running.
    mod.reload()
    expect(mod.get_by_test_id("floor")).to_contain_text("ended")
    expect(mod.get_by_role("timer")).to_have_count(0)
    assert errors == []
