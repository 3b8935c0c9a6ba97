"""After the end a participant opens the meeting's record on their page once the moderator has published it,
downloads the Markdown and opens the printable page; both pages axe-clean, in English and in Danish."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, create_meeting, join_via_page

pytestmark = pytest.mark.browser

TEXTS = {
    "en": {"heading": "The meeting's record", "markdown": "Download the record (Markdown)", "print": "Open the printable page", "title": "Record: "},
    "da": {"heading": "Mødets referat", "markdown": "Hent referatet (Markdown)", "print": "Åbn siden til udskrift", "title": "Referat: "},
}


@pytest.mark.parametrize("language", ["en", "da"])
def test_a_participant_reads_downloads_and_prints_the_record_after_the_end(site, new_context, language):
    texts = TEXTS[language]
    meeting = create_meeting(site.url, title="Intake <b>interviews</b>", format="open", language=language)
    mod = new_context(language=language).new_page()
    mod.on("dialog", lambda dialog: dialog.accept())
    mod.goto(meeting["links"]["console"])
    anna = new_context(language=language, axe=True, accept_downloads=True).new_page()
    errors: list[str] = []
    anna.on("pageerror", lambda exc: errors.append(str(exc)))
    join_via_page(anna, meeting["links"]["join"], "Anna", "Barnahus Oslo")
    mod.get_by_test_id("start-meeting").click()
    anna.get_by_test_id("chat-text").fill("Only between us")
    anna.get_by_test_id("chat-send").click()
    expect(mod.get_by_test_id("chat")).to_contain_text("Only between us")
    mod.get_by_test_id("end-meeting").click()

    record = anna.get_by_test_id("record")
    expect(anna.get_by_test_id("floor")).to_be_visible()
    # Ended but not published: no record on the page.
    expect(record).to_be_hidden()
    # The moderator publishes it from the console's record panel (every section, no form results).
    mod.get_by_test_id("record-publish").click()
    expect(mod.get_by_test_id("record-state")).to_be_visible()
    expect(record).to_be_visible()
    expect(record.get_by_role("heading", name=texts["heading"])).to_be_visible()
    assert_accessible(anna, f"record-{language}")

    with anna.expect_download() as download:
        anna.get_by_role("button", name=texts["markdown"]).click()
    markdown = Path(download.value.path()).read_text(encoding="utf-8")
    assert markdown.startswith("# Intake \\<b\\>interviews\\</b\\>") and "Only between us" not in markdown

    with anna.expect_popup() as opened:
        anna.get_by_role("button", name=texts["print"]).click()
    printable = opened.value
    printable.wait_for_load_state()
    expect(printable.locator("h1")).to_have_text(texts["title"] + "Intake <b>interviews</b>")
    assert printable.evaluate("document.documentElement.lang") == language
    assert printable.locator("script").count() == 0 and printable.locator("nav").count() == 0
    assert "Only between us" not in printable.content()
    assert_accessible(printable, f"record-print-{language}")
    # Printed, every section starts a page of its own.
    printable.emulate_media(media="print")
    assert printable.evaluate("getComputedStyle(document.querySelectorAll('section')[1]).breakBefore") == "page"
    assert errors == []
