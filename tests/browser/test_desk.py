"""The organiser's desk in a browser: an organiser with a key of their own signs in by keyboard, finds a meeting by its
title or tag, pages through, opens a record, makes a new moderator link (the old console is locked out), duplicates a
meeting, copies the invite link and opens the console under their own name; axe finds nothing, in English, Danish
and Arabic, at 1366×768 and at 360 px."""

import asyncio
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
import socketio
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible, no_horizontal_scroll, screenshot
from tests.support import ROOT

pytestmark = pytest.mark.browser

DESKTOP = {"viewport": {"width": 1366, "height": 768}}
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}


@pytest.fixture(scope="module")
def keys(site) -> dict[str, str]:
    """Two organisers of their own on the browser tests' server (made with the command line)."""
    made = {}
    for who, name in (("mette", "Mette Holm"), ("other", "Omar Said")):
        out = subprocess.run(
            [sys.executable, "-m", "app", "organiser", "add", name], cwd=ROOT, env={**os.environ, "ROUNDTABLE_DATA_DIR": str(site.data_dir)},
            capture_output=True, text=True, check=True,
        ).stdout
        made[who] = re.search(r"shown once.*\n\s+(\S+)", out).group(1)  # type: ignore[union-attr]
    return made


def create(base: str, key: str, title: str, **extra: object) -> dict:
    answer = httpx.post(f"{base}/api/v1/meetings", json={"title": title, "format": "tour_de_table", **extra}, headers={"Authorization": f"Bearer {key}"}, timeout=30)
    assert answer.status_code == 201, answer.text
    return answer.json()


def run(base: str, token: str, *commands: tuple[str, dict]) -> None:
    """Commands from a real Socket.IO client, in a thread of its own (Playwright's sync API holds this one's loop)."""

    async def send() -> None:
        client = socketio.AsyncClient(reconnection=False)
        await client.connect(base, auth={"token": token}, transports=["websocket"], wait_timeout=10)
        try:
            for kind, data in commands:
                answer = await client.call("command", {"type": kind, "data": data}, timeout=10)
                assert answer["ok"], answer
        finally:
            await client.disconnect()

    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, send()).result(timeout=60)


def tab_to(page: Page, testid: str, within: str | None = None, presses: int = 120) -> None:
    """Presses Tab until the control with this test id (inside the meeting titled `within`, if given) has focus."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        found = page.evaluate(
            """([testid, within]) => {
                const el = document.activeElement;
                if (!el || el.dataset.testid !== testid) return false;
                if (!within) return true;
                const item = el.closest('[data-testid="desk-meeting"]');
                return !!item && item.querySelector('h3').textContent === within;
            }""",
            [testid, within],
        )
        if found:
            return
    raise AssertionError(f"Tab never reached {testid} {within or ''}")


def sign_in(page: Page, base: str, key: str) -> None:
    page.goto(f"{base}/organise")
    tab_to(page, "organiser-key")
    page.keyboard.type(key)
    page.keyboard.press("Enter")
    page.get_by_test_id("signed-in").wait_for()


def test_the_desk_by_keyboard(site, new_context, keys):
    base = site.url
    for i in range(12):
        create(base, keys["mette"], f"Network meeting {i + 1:02d}", scheduled_for=f"2031-01-{i + 1:02d}T13:00:00Z", tags=["network", "ssp"] if i == 4 else ["network"])
    live = create(base, keys["mette"], "Drop-in: eleven organisations", tags=["drop-in"])
    run(base, live["moderator_token"], ("meeting.start", {}), ("followup.add", {"text": "Invite everyone back in March"}))
    create(base, keys["other"], "Omar's private meeting")

    context = new_context("en", axe=True, **DESKTOP)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)
    page = context.new_page()
    page.goto(f"{base}/organise")
    page.get_by_test_id("organiser-key").wait_for()
    assert_accessible(page, "desk sign-in (en)")
    sign_in(page, base, keys["mette"])
    expect(page.get_by_test_id("signed-in")).to_contain_text("Mette Holm")
    status = page.get_by_test_id("desk-status")
    expect(status).to_have_text("1–10 of 12")
    titles = page.get_by_test_id("desk-meeting-title")
    expect(titles.first).to_have_text("Network meeting 01")
    expect(page.get_by_text("Omar's private meeting")).to_have_count(0)
    assert_accessible(page, "desk, upcoming (en)")
    screenshot(page, "desk-01-upcoming")

    # The next page, by keyboard.
    tab_to(page, "desk-next")
    page.keyboard.press("Enter")
    expect(status).to_have_text("11–12 of 12")
    expect(titles).to_have_text(["Network meeting 11", "Network meeting 12"])

    # Search by tag.
    tab_to(page, "desk-search")
    page.keyboard.type("ssp")
    page.keyboard.press("Enter")
    expect(status).to_have_text("1–1 of 1")
    expect(titles).to_have_text(["Network meeting 05"])

    # Duplicate: the copy is upcoming, with the same tags (so the search still finds it).
    tab_to(page, "desk-duplicate", within="Network meeting 05")
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("notice")).to_contain_text("“Network meeting 05 (copy)” is created")
    expect(titles).to_have_text(["Network meeting 05", "Network meeting 05 (copy)"])
    copy = page.get_by_test_id("desk-meeting").filter(has_text="Network meeting 05 (copy)")
    expect(copy.get_by_test_id("desk-tags")).to_have_text(re.compile("network.*ssp"))
    tab_to(page, "desk-search-clear")
    page.keyboard.press("Enter")
    expect(status).to_have_text("1–10 of 13")

    # A console opened with the meeting's own link, then a new link made from the desk: the old one is locked out.
    first = create(base, keys["mette"], "Console link lost", scheduled_for="2030-06-01T09:00:00Z")
    page.reload()
    expect(titles.first).to_have_text("Console link lost")
    old_console = new_context("en").new_page()
    old_console.goto(first["links"]["console"])
    old_console.get_by_test_id("start-meeting").wait_for()
    tab_to(page, "desk-new-link", within="Console link lost")
    page.keyboard.press("Enter")
    question = page.get_by_test_id("desk-new-link-question")
    expect(question).to_be_focused()
    expect(question).to_contain_text("The old link stops working at once")
    assert_accessible(page, "desk, confirming a new moderator link (en)")
    tab_to(page, "desk-new-link-confirm")
    page.keyboard.press("Enter")
    new_link = page.get_by_test_id("desk-new-link-field")
    expect(new_link).to_be_focused()
    link = new_link.input_value()
    assert "#token=" in link and link != first["links"]["console"]
    old = httpx.get(f"{base}/api/v1/meetings/{first['id']}", headers={"Authorization": f"Bearer {first['moderator_token']}"}, timeout=30)
    assert old.status_code == 401
    # The console open with the old link is closed at once and says why.
    expect(old_console.get_by_role("heading", level=1)).to_have_text("This console link was replaced")
    expect(old_console.get_by_test_id("start-meeting")).to_have_count(0)
    fresh = new_context("en").new_page()
    fresh.goto(link)
    fresh.get_by_test_id("start-meeting").wait_for()
    assert_accessible(page, "desk with a new moderator link (en)")

    # The invite link, copied.
    tab_to(page, "desk-copy-invite", within="Console link lost")
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("notice")).to_contain_text("The invite link is copied.")
    assert page.evaluate("navigator.clipboard.readText()") == first["links"]["join"]

    # The live meeting's record.
    tab_to(page, "desk-tab-live")
    page.keyboard.press("Enter")
    expect(titles).to_have_text(["Drop-in: eleven organisations"])
    tab_to(page, "desk-record", within="Drop-in: eleven organisations")
    page.keyboard.press("Enter")
    record = page.get_by_test_id("desk-record-text")
    expect(record).to_contain_text("Invite everyone back in March")
    assert_accessible(page, "desk, a live meeting's record (en)")
    screenshot(page, "desk-02-record")

    # Open the console as the organiser: a moderator seat under the organiser's own name.
    tab_to(page, "desk-open-console", within="Drop-in: eleven organisations")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/console/"))
    page.get_by_test_id("meeting-title").wait_for()
    expect(page.get_by_test_id("meeting-title")).to_have_text("Drop-in: eleven organisations")
    expect(page.get_by_text("Mette Holm").first).to_be_visible()


def test_the_desk_in_danish_and_arabic_on_a_phone(site, new_context, keys):
    create(site.url, keys["other"], "اجتماع الشبكة مع البلدية", tags=["شبكة"])
    create(site.url, keys["other"], "<img src=x onerror=alert(1)> Netværksmøde", tags=["<b>tag</b>"])
    for language, upcoming, heading in (("da", "Kommende", "Dine møder"), ("ar", "القادمة", "اجتماعاتك")):
        page = new_context(language, axe=True, **PHONE).new_page()
        sign_in(page, site.url, keys["other"])
        expect(page.get_by_test_id("desk-tab-scheduled")).to_have_text(upcoming)
        expect(page.get_by_role("heading", name=heading)).to_be_visible()
        expect(page.get_by_test_id("desk-meeting-title").first).to_be_visible()
        # Text from the server is text: the title shows its angle brackets, and no image was made of it.
        expect(page.get_by_text("<img src=x onerror=alert(1)> Netværksmøde")).to_be_visible()
        expect(page.get_by_text("<b>tag</b>")).to_be_visible()
        assert page.locator(".desk img").count() == 0 and page.locator(".desk b").count() == 0
        assert page.evaluate("document.documentElement.dir") == ("rtl" if language == "ar" else "ltr")
        assert no_horizontal_scroll(page), f"the desk scrolls sideways at 360 px ({language})"
        page.get_by_test_id("desk-new-link").first.click()
        page.get_by_test_id("desk-new-link-question").wait_for()
        assert no_horizontal_scroll(page)
        assert_accessible(page, f"desk on a phone ({language})")
        screenshot(page, f"desk-03-phone-{language}")


def test_series_of_the_signed_in_organiser_from_the_desk(site, new_context, keys):
    page = new_context("en", axe=True, **DESKTOP).new_page()
    sign_in(page, site.url, keys["mette"])
    tab_to(page, "open-series")
    page.keyboard.press("Enter")
    # Signed in already: the series page lists this organiser's series with the desk's key, asking for none.
    expect(page.get_by_test_id("series-list")).to_have_text("You have no series yet.")
    expect(page.get_by_test_id("signed-in")).to_contain_text("Mette Holm")
    expect(page.get_by_test_id("organiser-key")).to_have_count(0)
    assert_accessible(page, "series page from the desk (en)")
