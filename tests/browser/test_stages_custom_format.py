"""An organiser copies a built-in format on /organise, adapts it (renames, drops and adds stages, adds a board
with columns), saves it, makes a meeting from it, and the moderator steps through its stages in the console,
each showing its name and guidance from the definition and its prompts as actions."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible, join_via_page, no_horizontal_scroll, screenshot
from tests.support import ORGANISER_KEY

pytestmark = pytest.mark.browser
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}


def steps(page: Page) -> list[str]:
    return [re.sub(r"\s*now$", "", text.strip()) for text in page.get_by_test_id("stepper").locator("li").all_inner_texts()]


def test_a_copied_and_adapted_format_runs_in_the_console(site, new_context):
    errors: list[str] = []
    organiser = new_context("en", axe=True, **PHONE).new_page()
    organiser.on("pageerror", lambda exc: errors.append(str(exc)))
    organiser.goto(f"{site.url}/organise")
    organiser.get_by_test_id("organiser-key").fill(ORGANISER_KEY)
    organiser.get_by_test_id("sign-in").click()
    # The picker lists every format the key may use, the seed formats among them, with their stages.
    picker = organiser.get_by_test_id("meeting-format")
    expect(picker.locator("option[value=network_group_conference]")).to_have_count(1)
    picker.select_option("network_group_conference")
    expect(organiser.get_by_test_id("format-about")).to_contain_text("The network's own time")

    # Copy Tour de table and adapt it, by keyboard where a person would.
    organiser.get_by_test_id("format-maker").locator("summary").click()
    organiser.get_by_test_id("format-source").select_option("tour_de_table")
    organiser.get_by_test_id("format-start").click()
    name = organiser.get_by_test_id("format-name")
    expect(name).to_be_focused()
    expect(name).to_have_value("Tour de table (copy)")
    name.fill("Tour with actions")
    organiser.get_by_test_id("format-id").fill("tour_with_actions")
    organiser.get_by_test_id("stage-remove-0").click()  # no preparation
    organiser.get_by_test_id("stage-name-0").fill("Welcome")
    organiser.get_by_test_id("stage-guidance-0").fill("Say who you are and what you hope to take home.")
    organiser.get_by_test_id("add-board").click()
    expect(organiser.get_by_test_id("board-name-0")).to_be_focused()
    organiser.keyboard.type("Actions")
    organiser.get_by_test_id("board-0-column-0").fill("To do")
    organiser.get_by_test_id("add-column-0").click()
    organiser.get_by_test_id("board-0-column-1").fill("Done")
    organiser.get_by_test_id("add-stage").click()
    expect(organiser.get_by_test_id("stage-name-3")).to_be_focused()
    organiser.keyboard.type("Agree actions")
    organiser.get_by_test_id("stage-3-board-new_board_1").check()
    # The new stage goes before Closing; focus stays on its move button.
    organiser.get_by_test_id("stage-up-3").click()
    expect(organiser.get_by_test_id("stage-name-2")).to_have_value("Agree actions")
    assert no_horizontal_scroll(organiser), "the format editor scrolls sideways at 360 px"
    assert_accessible(organiser, "organise: the format editor")
    screenshot(organiser, "formats-01-editor")
    organiser.get_by_test_id("format-save").click()
    expect(picker).to_have_value("tour_with_actions")
    expect(organiser.get_by_test_id("format-about")).to_contain_text("Agree actions")

    organiser.get_by_test_id("meeting-title-input").fill("Tour with actions")
    organiser.get_by_test_id("create-meeting").click()
    expect(organiser.get_by_test_id("created")).to_contain_text("Tour with actions")
    console_link = organiser.get_by_test_id("console-link").input_value()
    join_link = organiser.get_by_test_id("join-link").input_value()

    mod = new_context("en").new_page()
    mod.on("pageerror", lambda exc: errors.append(str(exc)))
    mod.on("dialog", lambda dialog: dialog.accept())
    mod.goto(console_link)
    expect(mod.get_by_test_id("meeting-status")).to_contain_text("Tour with actions")
    expect(mod.get_by_test_id("stepper").locator("li")).to_have_count(4)
    assert steps(mod) == ["Welcome", "Rounds", "Agree actions", "Closing"]
    expect(mod.get_by_test_id("stage-name")).to_have_text("Welcome")
    expect(mod.get_by_test_id("stage-guidance-text")).to_have_text("Say who you are and what you hope to take home.")
    # Opening's prompt, kept in the copy: a button that opens the recording ballot.
    participant = new_context("en").new_page()
    join_via_page(participant, join_link, "Ida", "Odense Kommune")
    mod.get_by_test_id("start-meeting").click()
    mod.get_by_test_id("prompt-open_opening_ballot").click()
    expect(participant.get_by_test_id("consent-question")).to_be_visible()
    participant.get_by_test_id("consent-no").click()
    expect(mod.get_by_test_id("prompt-open_opening_ballot")).to_have_count(0)

    mod.get_by_test_id("stage-next").click()
    expect(mod.get_by_test_id("stage-name")).to_have_text("Rounds")
    expect(participant.get_by_test_id("stage-name")).to_have_text("Rounds")
    expect(mod.get_by_test_id("prompt-thinking_break")).to_be_visible()
    mod.get_by_test_id("prompt-thinking_break").click()
    expect(mod.get_by_test_id("breakout-kind")).to_be_focused()
    expect(mod.get_by_test_id("breakout-kind")).to_have_value("thinking")
    # Ida has not had her turn: moving on asks to confirm (accepted), as Tour de table's rounds promise.
    mod.get_by_test_id("stage-next").click()
    expect(mod.get_by_test_id("stage-name")).to_have_text("Agree actions")
    mod.get_by_test_id("stage-next").click()
    expect(mod.get_by_test_id("stage-name")).to_have_text("Closing")
    mod.get_by_test_id("prompt-record_follow_ups").click()
    expect(mod.get_by_test_id("followup-text")).to_be_focused()
    expect(participant.get_by_test_id("stepper").locator("li[aria-current=step]")).to_contain_text("Closing")
    screenshot(mod, "formats-02-console-closing")

    # A series may be held in the organiser's own format too: the series page's picker offers it beside the built-ins.
    organiser.goto(f"{site.url}/organise#series")
    series_format = organiser.get_by_test_id("series-format")
    expect(series_format.locator("option[value=tour_with_actions]")).to_have_count(1)
    expect(series_format.locator("option[value=network_meeting]")).to_have_count(1)
    series_format.select_option("tour_with_actions")
    expect(organiser.get_by_test_id("format-about")).to_contain_text("Agree actions")
    assert errors == []


@pytest.mark.parametrize("language", ["da", "ar"])
def test_the_format_editor_speaks_danish_and_arabic_and_passes_axe_on_a_phone(site, new_context, language):
    page = new_context(language, axe=True, **PHONE).new_page()
    page.goto(f"{site.url}/organise")
    page.get_by_test_id("organiser-key").fill(ORGANISER_KEY)
    page.get_by_test_id("sign-in").click()
    picker = page.get_by_test_id("meeting-format")
    expect(picker.locator("option[value=learning_conversation]")).to_have_text("Tværfaglig læringssamtale" if language == "da" else "محادثة التعلم التشاركية")
    page.get_by_test_id("format-maker").locator("summary").click()
    page.get_by_test_id("format-source").select_option("learning_conversation")
    page.get_by_test_id("format-start").click()
    expect(page.get_by_test_id("stage-name-2")).to_have_value("Hvad går godt" if language == "da" else "ما الذي يسير جيدًا")
    expect(page.get_by_test_id("board-name-0")).to_have_value("Signs of Safety")
    assert no_horizontal_scroll(page), f"the format editor scrolls sideways at 360 px ({language})"
    assert_accessible(page, f"organise: the format editor ({language})")
