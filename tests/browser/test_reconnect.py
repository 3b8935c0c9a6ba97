"""The server restarts under open pages: they say so, come back by themselves, and show the same state."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import create_meeting, join_via_page, screenshot
from tests.support import ServerProcess

pytestmark = pytest.mark.browser


@pytest.fixture
def restartable(built_frontend, tmp_path):
    process = ServerProcess(tmp_path / "server").start(timeout=90)
    yield process
    process.stop()


def test_pages_come_back_after_a_server_restart(restartable, new_context):
    meeting = create_meeting(restartable.url)
    mod = new_context().new_page()
    mod.goto(meeting["links"]["console"])
    mod.get_by_test_id("start-meeting").click()
    anna = new_context().new_page()
    join_via_page(anna, meeting["links"]["join"], "Anna")
    anna.get_by_test_id("hand-button").click()
    anna.get_by_test_id("chat-text").fill("Before the restart")
    anna.get_by_test_id("chat-send").click()
    expect(mod.get_by_test_id("queue").locator(".name")).to_have_text(["Anna"])
    expect(mod.get_by_test_id("chat")).to_contain_text("Before the restart")

    restartable.stop()
    for page in (mod, anna):
        expect(page.get_by_test_id("connection")).to_contain_text("Reconnecting")
    screenshot(anna, "11-participant-reconnecting")
    # A command while the server is away is refused in plain words, not lost silently.
    anna.get_by_test_id("chat-text").fill("While away")
    anna.get_by_test_id("chat-send").click()
    expect(anna.get_by_test_id("notice")).to_contain_text("not connected")

    anna.get_by_test_id("chat-text").fill("A draft typed while away")

    restartable.start(timeout=90)
    for page in (mod, anna):
        expect(page.get_by_test_id("connection")).to_be_empty(timeout=20_000)
        expect(page.get_by_test_id("queue").locator(".name")).to_have_text(["Anna"])
        expect(page.get_by_test_id("chat")).to_contain_text("Before the restart")
    expect(anna.get_by_test_id("hand-position")).to_have_text("You are next in line.")
    # What she was typing survived the rebuild from the new snapshot.
    expect(anna.get_by_test_id("chat-text")).to_have_value("A draft typed while away")

    # And the pages are live again: a change after the restart reaches both.
    mod.get_by_test_id("give-next").click()
    expect(anna.get_by_test_id("floor-you")).to_be_visible()
