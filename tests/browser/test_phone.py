"""A participant on a 360-px phone: no horizontal scrolling, the hand button within thumb reach."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible, create_meeting, join_via_page, no_horizontal_scroll, screenshot

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}


def fits(page: Page, what: str) -> None:
    assert no_horizontal_scroll(page), f"{what} scrolls sideways at 360 px"


def test_the_participant_flow_on_a_phone(site, new_context):
    meeting = create_meeting(site.url, title="Drop-in reflective session for refugee and asylum services across the region")
    phone = new_context(axe=True, **PHONE).new_page()
    for path in ("/", "/organise"):
        phone.goto(site.url + path)
        phone.locator("h1").first.wait_for()
        fits(phone, path)

    phone.goto(meeting["links"]["join"])
    phone.get_by_test_id("join-name").wait_for()
    fits(phone, "the join page")
    join_via_page(phone, meeting["links"]["join"], "Maria Fernanda Rodríguez-Christensen", "Dansk Flygtningehjælp, Rådgivningen")
    fits(phone, "the participant page before the start")

    mod = new_context().new_page()
    mod.goto(meeting["links"]["console"])
    mod.get_by_test_id("start-meeting").click()

    hand = phone.get_by_test_id("hand-button")
    expect(hand).to_be_visible()
    box = hand.bounding_box()
    assert box is not None
    # In the lower third of the screen without scrolling, and big enough for a thumb.
    assert box["y"] > 740 * 2 / 3 and box["y"] + box["height"] <= 740
    assert box["height"] >= 44 and box["width"] >= 150
    hand.tap()
    expect(phone.get_by_test_id("hand-position")).to_have_text("You are next in line.")

    phone.get_by_test_id("chat-text").fill("https://example.org/a-very-long-address-without-any-spaces-at-all-that-could-push-the-page-wider-than-the-screen")
    phone.get_by_test_id("chat-send").tap()
    expect(phone.get_by_test_id("chat")).to_contain_text("a-very-long-address")
    mod.get_by_test_id("give-next").click()
    expect(phone.get_by_test_id("floor-you")).to_be_visible()
    fits(phone, "the participant page with the floor")
    assert_accessible(phone, "participant page on a phone")
    screenshot(phone, "14-phone-participant-floor")

    mod.set_viewport_size({"width": 360, "height": 740})
    fits(mod, "the console")
    screenshot(mod, "15-phone-console")
