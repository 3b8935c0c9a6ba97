"""The simple view (a role of the format with `"view": "simple"`): a parent at a network meeting, on a 360 px phone,
gets a page without the professionals' parts — the hand queue's details, the chat's kinds of line, the note to the
hand — in plain words, and still follows the stages, says something, proposes an action and sees who owns it.
One parent joins by the parent's link the coordinator makes; the other by the meeting's link, and the coordinator
gives him the parent's role while his page is open. A professional's page beside them shows what the parents'
pages leave out. In English, Danish and Arabic (right to left)."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible, create_meeting, join_via_page, no_horizontal_scroll, screenshot
from tests.browser.stories import DESKTOP, PHONE, WAIT, Texts, add_card, board, card, open_tools, watch

pytestmark = pytest.mark.browser

# What a professional's page has and a parent's page leaves out.
PROFESSIONAL_ONLY = ("[data-panel=queue]", "[data-testid=chat-kind]", "[data-testid=hand-note-toggle]")


def shows_professional_parts(page: Page, yes: bool) -> None:
    for selector in PROFESSIONAL_ONLY:
        if yes:
            expect(page.locator(selector)).to_be_visible(timeout=WAIT)
        else:
            expect(page.locator(selector)).to_be_hidden(timeout=WAIT)


@pytest.mark.parametrize("language", ["en", "da", "ar"])
def test_a_parent_at_a_network_meeting_gets_the_simple_view_on_a_phone(site, new_context, language: str) -> None:  # type: ignore[no-untyped-def]
    t = Texts.of("network_meeting", language)
    meeting = create_meeting(site.url, title="Network meeting: the Hassan children", format="network_meeting", language=language)
    errors: list[str] = []
    mod = watch(new_context(language, **DESKTOP).new_page(), "coordinator", errors)
    mod.goto(meeting["links"]["console"])
    expect(mod.get_by_test_id("meeting-title")).to_contain_text("the Hassan children", timeout=WAIT)

    # The coordinator makes a parent's link; the mother joins by it on her phone.
    mod.get_by_test_id("role-link-role").select_option("parent")
    mod.get_by_test_id("role-link-make").click()
    expect(mod.get_by_test_id("role-link-0")).to_have_value(re.compile("#role="), timeout=WAIT)
    amina = watch(new_context(language, axe=True, **PHONE).new_page(), "amina", errors)
    join_via_page(amina, mod.get_by_test_id("role-link-0").input_value(), "Amina")
    expect(amina.locator("html")).to_have_attribute("lang", language)
    expect(amina.locator("html")).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")
    # Her role, in her language, beside her name.
    expect(amina.get_by_test_id("people").locator("li", has_text="Amina")).to_contain_text(t.role("parent"), timeout=WAIT)

    # A professional, and the father, who joins by the meeting's link and is given the parent's role while his page is open.
    ida = watch(new_context(language, **DESKTOP).new_page(), "ida", errors)
    join_via_page(ida, meeting["links"]["join"], "Ida", "Skjoldhøj School")
    yusuf = watch(new_context(language, axe=True, **PHONE).new_page(), "yusuf", errors)
    join_via_page(yusuf, meeting["links"]["join"], "Yusuf")
    expect(yusuf.locator("[data-panel=queue]")).to_be_visible(timeout=WAIT)
    mod.get_by_test_id("people").locator("li", has_text="Yusuf").get_by_test_id("role-select").select_option("parent")
    expect(yusuf.get_by_test_id("people").locator("li", has_text="Yusuf")).to_contain_text(t.role("parent"), timeout=WAIT)

    mod.get_by_test_id("start-meeting").click()
    for page in (mod, amina, ida, yusuf):
        expect(page.get_by_test_id("stage-name")).to_have_text(t.stage("welcome"), timeout=WAIT)
    expect(amina.get_by_test_id("stepper")).to_contain_text(t.stage("new_actions"))

    # The parents' pages leave out the professionals' parts the professional's page has, and ask in plain words.
    shows_professional_parts(ida, True)
    for parent in (amina, yusuf):
        shows_professional_parts(parent, False)
        expect(parent.get_by_test_id("hand-button")).to_have_text(t.word("simple_raise_hand"))
        expect(parent.locator("[data-panel=questions] h3")).to_have_text(t.word("simple_ask"))
    for parent in (amina, yusuf):
        expect(parent.get_by_test_id("hand-position")).to_have_text(t.word("simple_hand_down"))
    expect(ida.get_by_test_id("hand-button")).to_have_text(t.word("raise_hand"))
    expect(ida.get_by_test_id("hand-position")).to_have_text(t.word("hand_down"))
    # No empty panels: nobody has been asked to fill in a form.
    expect(amina.locator("[data-panel=forms]")).to_be_hidden()
    expect(ida.locator("[data-panel=questions] h3")).to_have_text(t.word("ask"))
    assert no_horizontal_scroll(amina), "the simple view scrolls sideways at 360 px"
    assert_accessible(amina, f"a parent's simple view on a phone ({language})")
    screenshot(amina, f"simple-view-parent-{language}")

    # She wants to say something: her own place is shown to her, and the coordinator has her in the queue.
    amina.get_by_test_id("hand-button").click()
    expect(amina.get_by_test_id("hand-position")).to_have_text(t.word("next_in_line"), timeout=WAIT)
    expect(mod.get_by_test_id("queue")).to_contain_text("Amina", timeout=WAIT)
    expect(ida.get_by_test_id("queue")).to_contain_text("Amina", timeout=WAIT)

    # New actions: the mother proposes one; the coordinator gives it to her with a date; both parents see it is hers.
    for stage in ("review_actions", "observations", "new_actions"):
        mod.get_by_test_id("stage-next").click()
        for page in (mod, amina, yusuf):
            expect(page.get_by_test_id("stage-name")).to_have_text(t.stage(stage), timeout=WAIT)
    add_card(amina, "actions", "Ask the school about the after-school club", column=t.column("actions", "open"))
    tools = open_tools(mod, "Ask the school about the after-school club")
    tools.get_by_test_id("card-owner").fill("Amina")
    tools.get_by_test_id("card-due").fill("2027-01-15")
    tools.get_by_test_id("card-assign").click()
    for page in (amina, yusuf):
        action = card(page, "Ask the school about the after-school club", "actions")
        expect(action).to_contain_text(t.word("owner", "Amina"), timeout=WAIT)
        expect(action).to_contain_text(t.word("due", "2027-01-15"))
        # A parent proposes; the professionals' tools on a card are not hers.
        expect(board(page, "actions").get_by_test_id("card-tools")).to_have_count(0)
    assert no_horizontal_scroll(amina), "the actions board scrolls sideways at 360 px in the simple view"
    assert_accessible(amina, f"the actions board in a parent's simple view ({language})")
    assert_accessible(yusuf, f"the simple view after the coordinator gave the parent's role ({language})")
    screenshot(amina, f"simple-view-parent-actions-{language}")
    assert errors == []
