"""An Arabic meeting: the pages open in Arabic, right to left, the layout mirrors, the server's own texts
(room names) are Arabic, and each person may still switch to another language for themselves."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible, create_meeting, join_via_page, no_horizontal_scroll, screenshot

pytestmark = pytest.mark.browser

DESKTOP = {"viewport": {"width": 1280, "height": 800}}


def left(page: Page, testid: str) -> float:
    box = page.get_by_test_id(testid).bounding_box()
    assert box is not None, testid
    return box["x"]


def test_an_arabic_meeting_reads_right_to_left(site, new_context):
    meeting = create_meeting(site.url, title="جلسة حوار: خدمات اللاجئين", format="tour_de_table", language="ar")
    mod = new_context(axe=True, **DESKTOP).new_page()
    mod.goto(meeting["links"]["console"])
    expect(mod.get_by_test_id("start-meeting")).to_have_text("بدء الاجتماع")
    assert mod.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["ar", "rtl"]

    amal = new_context(axe=True, **DESKTOP).new_page()
    amal.goto(meeting["links"]["join"])
    expect(amal.get_by_test_id("join-submit")).to_have_text("الانضمام إلى الاجتماع")
    assert amal.evaluate("document.documentElement.dir") == "rtl"
    assert_accessible(amal, "the join page in Arabic")
    join_via_page(amal, meeting["links"]["join"], "أمل", "الصليب الأحمر", question="كيف نشرح المقابلة للطفل؟")
    bo = new_context(axe=True, **DESKTOP).new_page()
    join_via_page(bo, meeting["links"]["join"], "Bo")

    mod.get_by_test_id("start-meeting").click()
    expect(amal.get_by_test_id("meeting-status")).to_contain_text("جارٍ الآن")
    amal.get_by_test_id("hand-button").click()
    expect(amal.get_by_test_id("hand-position")).to_have_text("أنت التالي في الدور.")
    mod.get_by_test_id("give-next").click()
    expect(amal.get_by_test_id("floor-you")).to_have_text("الكلمة لك")
    bo.get_by_test_id("hand-button").click()

    # Mirrored: the hand button sits left of "your place in line", the brand on the right of the top bar.
    assert left(bo, "hand-button") < left(bo, "hand-position")
    brand = bo.locator(".brand").bounding_box()
    assert brand is not None and brand["x"] > 1280 / 2
    # The console's first column (the floor) is on the right.
    assert left(mod, "floor") > left(mod, "consent-state")
    assert no_horizontal_scroll(mod) and no_horizontal_scroll(bo)
    assert_accessible(bo, "the participant page in Arabic")
    assert_accessible(mod, "the console in Arabic")
    screenshot(bo, "30-participant-ar")
    screenshot(mod, "31-console-ar")

    # The same page in English mirrors back: the choice is Bo's alone.
    bo.get_by_test_id("language").select_option("en")
    expect(bo.get_by_test_id("hand-button")).to_have_text("Lower hand")
    assert bo.evaluate("document.documentElement.dir") == "ltr"
    assert left(bo, "hand-button") > left(bo, "hand-position")
    assert mod.evaluate("document.documentElement.dir") == "rtl"

    # Rooms the moderator did not name are named in the meeting's language.
    mod.get_by_test_id("breakout-count").fill("1")
    mod.get_by_test_id("breakout-start").click()
    expect(amal.get_by_test_id("breakout-my-room")).to_have_text("أنت في الغرفة 1.")
    expect(bo.get_by_test_id("breakout-my-room")).to_have_text("You are in الغرفة 1.")
    screenshot(amal, "32-participant-breakout-ar")
