"""Breakouts and guided stages in real browsers: one countdown on every page, and the console's stepper."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible, create_meeting, join_via_page, screenshot

pytestmark = pytest.mark.browser


def countdowns(pages: list[Page]) -> list[str]:
    return [p.get_by_test_id("breakout-countdown").inner_text() for p in pages]


def start_by_hand(mod: Page, rooms: int, places: dict[str, str]) -> None:
    """The moderator starts a breakout of `rooms` rooms, placing each named person in a room by hand."""
    mod.get_by_test_id("breakout-count").fill(str(rooms))
    mod.get_by_test_id("breakout-assignment").select_option("manual")
    by_hand = mod.get_by_test_id("breakout-by-hand")
    for name, room in places.items():
        by_hand.get_by_label(name).select_option(label=room)
    mod.get_by_test_id("breakout-start").click()


def test_a_two_room_breakout_shows_one_countdown_everywhere_and_returns_by_itself(site, new_context):
    errors: list[str] = []
    meeting = create_meeting(site.url, title="Tour de table: follow-up calls", format="tour_de_table")
    mod = new_context(axe=True).new_page()
    anna = new_context(axe=True).new_page()
    bo = new_context().new_page()
    for who, page in (("moderator", mod), ("anna", anna), ("bo", bo)):
        page.on("pageerror", lambda exc, who=who: errors.append(f"{who}: {exc}"))
    mod.goto(meeting["links"]["console"])
    join_via_page(anna, meeting["links"]["join"], "Anna", "Barnahus Oslo")
    join_via_page(bo, meeting["links"]["join"], "Bo", "Aarhus Kommune")
    mod.get_by_test_id("start-meeting").click()

    mod.get_by_test_id("breakout-minutes").fill("0")
    mod.get_by_test_id("breakout-seconds").fill("12")
    start_by_hand(mod, 2, {"Anna": "Room 2", "Bo": "Room 1"})
    pages = [mod, anna, bo]
    for page in pages:
        expect(page.get_by_test_id("breakout-countdown")).to_have_text(re.compile(r"^0:\d\d$"))
    # Every screen counts down to the server's deadline: the same second on each.
    for _ in range(10):
        shown = countdowns(pages)
        if len(set(shown)) == 1:
            break
        mod.wait_for_timeout(150)  # the pages are read one after the other: this read may have straddled a second
    assert len(set(shown)) == 1, shown
    # Two rooms, one person in each; a line in Anna's room does not reach Bo.
    expect(anna.get_by_test_id("breakout-my-room")).to_have_text("You are in Room 2.")
    expect(bo.get_by_test_id("breakout-my-room")).to_have_text("You are in Room 1.")
    anna.get_by_test_id("room-chat-text").fill("Only for my room")
    anna.get_by_test_id("room-chat-send").click()
    expect(anna.get_by_test_id("room-chat")).to_contain_text("Only for my room")
    # The moderator looks into Anna's room.
    mod.get_by_test_id("breakout-look-into").select_option(label="Room 2")
    expect(mod.get_by_test_id("room-chat")).to_contain_text("Only for my room")
    screenshot(anna, "breakout-room")
    assert_accessible(anna, "a participant's page in a breakout room")
    assert_accessible(mod, "the console during a breakout")
    # By itself, at the deadline: everyone is back in the main room.
    for page in pages:
        expect(page.get_by_test_id("breakout-returned")).to_be_visible(timeout=20_000)
        expect(page.get_by_test_id("breakout-countdown")).to_be_hidden()
    assert "Only for my room" not in bo.content()
    assert errors == []


def test_the_console_steps_through_a_short_tour_de_table(site, new_context):
    errors: list[str] = []
    dialogs: list[str] = []
    meeting = create_meeting(site.url, title="Tour de table: first interviews", format="tour_de_table")
    mod = new_context(axe=True).new_page()
    mod.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    anna = new_context().new_page()
    bo = new_context().new_page()
    for who, page in (("moderator", mod), ("anna", anna), ("bo", bo)):
        page.on("pageerror", lambda exc, who=who: errors.append(f"{who}: {exc}"))
    mod.goto(meeting["links"]["console"])
    join_via_page(bo, meeting["links"]["join"], "Bo", "Aarhus Kommune")
    join_via_page(anna, meeting["links"]["join"], "Anna", "Barnahus Oslo", question="How do you prepare a child for a second interview?")

    current = mod.get_by_test_id("stepper").locator("li[aria-current=step]")
    expect(current).to_contain_text("Preparation")
    # Bo's page learnt of Anna after it loaded: she has a place in the turn order there too.
    expect(bo.get_by_test_id("turn-order")).to_contain_text("Anna")
    mod.get_by_test_id("stage-next").click()
    expect(current).to_contain_text("Opening")
    expect(anna.get_by_test_id("stepper").locator("li[aria-current=step]")).to_contain_text("Opening")
    mod.get_by_test_id("start-meeting").click()
    expect(mod.get_by_test_id("stage-next")).to_have_text("Next: Rounds")
    mod.get_by_test_id("stage-next").click()
    expect(current).to_contain_text("Rounds")
    # Anna submitted a question: she goes first.
    expect(mod.get_by_test_id("turn-order").locator("li .name")).to_have_text(["Anna", "Bo"])
    mod.get_by_test_id("turn-next").click()
    expect(anna.get_by_test_id("turn-yours")).to_be_visible()
    expect(mod.get_by_test_id("turns-remaining")).to_contain_text("Bo")
    screenshot(mod, "stepper-rounds")
    assert_accessible(mod, "the console's stepper and turn order")

    # Closing while Bo has not had a turn: the console asks first (dismissed here: nothing changes).
    with mod.expect_event("dialog"):
        mod.get_by_role("button", name="Go to Closing").click()
    assert len(dialogs) == 1 and "Not had a turn yet: Bo" in dialogs[0]
    expect(current).to_contain_text("Rounds")
    # The same console in Danish names Bo in Danish.
    mod_da = new_context("da").new_page()
    mod_da.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    mod_da.goto(meeting["links"]["console"])
    with mod_da.expect_event("dialog"):
        mod_da.get_by_role("button", name="Gå til Afslutning").click()
    assert len(dialogs) == 2 and "Har ikke haft en tur endnu: Bo" in dialogs[1]
    mod_da.close()

    # Bo passes from his phone; the round is complete.
    bo.get_by_test_id("turn-pass").click()
    expect(mod.get_by_test_id("turn-order").locator("li").nth(1)).to_contain_text("passed")
    mod.get_by_test_id("turn-next").click()
    expect(mod.get_by_test_id("turns-remaining")).to_have_text("Everyone has had a turn.")
    mod.get_by_test_id("stage-next").click()
    expect(current).to_contain_text("Closing")
    expect(bo.get_by_test_id("stepper").locator("li[aria-current=step]")).to_contain_text("Closing")
    assert len(dialogs) == 2
    assert errors == []


def test_the_moderator_moves_people_between_rooms_and_the_pickers_stay_while_others_talk(site, new_context):
    """The rooms' assignments are filled when the moderator opens them and then only patched: a line in a room's
    chat leaves every picker (and the focus on one) where it was, and a move changes the mover's picker alone; a
    message half typed to all rooms stays in its field."""
    meeting = create_meeting(site.url, title="Open exchange: intake in small rooms", format="open")
    mod = new_context(axe=True).new_page()
    anna = new_context().new_page()
    bo = new_context().new_page()
    mod.goto(meeting["links"]["console"])
    join_via_page(anna, meeting["links"]["join"], "Anna", "Barnahus Oslo")
    join_via_page(bo, meeting["links"]["join"], "Bo", "Aarhus Kommune")
    mod.get_by_test_id("start-meeting").click()
    start_by_hand(mod, 2, {"Anna": "Room 1", "Bo": "Room 1"})
    expect(bo.get_by_test_id("breakout-my-room")).to_have_text("You are in Room 1.")

    rooms = mod.get_by_test_id("breakout-rooms")
    expect(rooms).to_have_text("Room 1 (2) · Room 2 (0)")
    pickers = mod.locator(".assignments select")
    # Closed, the assignments hold nothing: in a breakout of a thousand they would cost every event.
    expect(pickers).to_have_count(0)
    rooms.click()
    expect(pickers).to_have_count(2)
    mod.evaluate("() => document.querySelectorAll('.assignments li').forEach((li) => { li.kept = true; })")

    def kept() -> dict[str, bool]:
        return mod.evaluate("() => Object.fromEntries([...document.querySelectorAll('.assignments li')].map((li) => [li.querySelector('.name').textContent, li.kept === true]))")

    bo_picker = mod.get_by_label("Move Bo", exact=True)
    bo_picker.focus()
    anna.get_by_test_id("room-chat-text").fill("Shall we start with the referral?")
    anna.get_by_test_id("room-chat-send").click()
    expect(bo.get_by_test_id("room-chat")).to_contain_text("Shall we start with the referral?")
    expect(mod.get_by_test_id("room-chat")).to_contain_text("Shall we start with the referral?")
    assert kept() == {"Anna": True, "Bo": True}
    expect(bo_picker).to_be_focused()

    # The moderator moves Bo to Room 2 from the keyboard: Bo is told, the summary follows, Anna's picker stays.
    bo_picker.select_option(label="Room 2")
    expect(bo.get_by_test_id("breakout-my-room")).to_have_text("You are in Room 2.")
    expect(rooms).to_have_text("Room 1 (1) · Room 2 (1)")
    expect(mod.locator("[data-room]").nth(1)).to_contain_text("Bo")
    assert kept() == {"Anna": True, "Bo": False}
    # Bo's picker is a new one, in Room 2's list; the focus went with it.
    expect(bo_picker).to_be_focused()

    # What the moderator is typing to all rooms stays while the rooms talk, in the same fields: a field made anew
    # with every event lost what was typed, and made Chromium's autofill read every picker of the page again.
    broadcast = mod.get_by_test_id("breakout-broadcast-text")
    broadcast.fill("Five more minutes, then we")
    fields = "[data-panel=breakout] input, [data-panel=breakout] select, [data-panel=breakout] textarea"
    mod.evaluate(f"() => document.querySelectorAll('{fields}').forEach((el) => {{ el.kept = true; }})")
    anna.get_by_test_id("room-chat-text").fill("Who calls the school?")
    anna.get_by_test_id("room-chat-send").click()
    expect(mod.get_by_test_id("room-chat")).to_contain_text("Who calls the school?")
    expect(broadcast).to_have_value("Five more minutes, then we")
    expect(broadcast).to_be_focused()
    assert mod.evaluate(f"() => [...document.querySelectorAll('{fields}')].every((el) => el.kept === true)")

    # In a breakout of hundreds the moderator finds one person by name: the lists narrow to who matches (rooms with
    # nobody matching are left out), and the picker found moves them.
    find = mod.get_by_test_id("breakout-find")
    find.fill("an")
    expect(mod.get_by_test_id("breakout-found")).to_have_text("Found: 1")
    expect(mod.locator(".assignments li .name")).to_have_text(["Anna"])
    expect(mod.locator(".assignments [data-room]")).to_have_count(1)
    mod.get_by_label("Move Anna", exact=True).select_option(label="Room 2")
    expect(anna.get_by_test_id("breakout-my-room")).to_have_text("You are in Room 2.")
    expect(mod.locator(".assignments li .name")).to_have_text(["Anna"])
    find.fill("Zoë")
    expect(mod.get_by_test_id("breakout-found")).to_have_text("Nobody by that name.")
    expect(mod.locator(".assignments li")).to_have_count(0)
    find.fill("")
    expect(mod.get_by_test_id("breakout-found")).to_have_text("")
    expect(mod.locator(".assignments li .name")).to_have_text(["Anna", "Bo"])
    assert_accessible(mod, "the console's assignments, narrowed by a name")
