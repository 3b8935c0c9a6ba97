"""'My data' in the browser: the retention notice before joining and on the meeting page, the person's own
consent record, the download of everything held about them, and erasure."""

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import create_meeting, join_via_page

pytestmark = pytest.mark.browser


def test_a_participant_sees_the_retention_reads_their_consent_downloads_and_erases(site, new_context):
    errors: list[str] = []
    meeting = create_meeting(site.url, title="Open meeting: school contacts", format="open")
    mod = new_context().new_page()
    mod.on("pageerror", lambda exc: errors.append(f"moderator: {exc}"))
    mod.goto(meeting["links"]["console"])
    anna: Page = new_context().new_page()
    anna.on("pageerror", lambda exc: errors.append(f"anna: {exc}"))

    anna.goto(meeting["links"]["join"])
    expect(anna.get_by_test_id("join-retention")).to_contain_text("deleted 30 days after it ends")
    join_via_page(anna, meeting["links"]["join"], "Anna", "Barnahus Nord")
    expect(anna.get_by_test_id("retention-notice")).to_contain_text("30 days")

    anna.get_by_test_id("show-consent-record").click()
    expect(anna.get_by_test_id("consent-record")).to_contain_text("You have not agreed to any recording.")
    mod.get_by_test_id("consent-open-opening").click()
    anna.get_by_test_id("consent-yes").click()
    expect(anna.get_by_test_id("consent-mine")).to_be_visible()
    anna.get_by_test_id("show-consent-record").click()
    expect(anna.get_by_test_id("consent-record")).to_contain_text("You agreed to recording on")

    with anna.expect_download() as download:
        anna.get_by_test_id("download-my-data").click()
    data = json.loads(Path(download.value.path()).read_text())
    assert data["you"]["display_name"] == "Anna" and data["you"]["organisation"] == "Barnahus Nord"
    assert [a["choice"] for a in data["consent"]["answers"]] == ["record"]

    expect(mod.get_by_text("Barnahus Nord").first).to_be_visible()
    anna.once("dialog", lambda dialog: dialog.accept())
    anna.get_by_test_id("erase-my-data").click()
    expect(anna.get_by_test_id("erased")).to_be_visible()
    expect(mod.get_by_text("Barnahus Nord")).to_have_count(0)
    assert errors == []
