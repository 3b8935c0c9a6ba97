"""A meeting larger than PEOPLE_LISTED_UP_TO: a participant's people panel counts everyone, names the people
with a part to play and themself, and sums up the rest in a line; the counts and the names follow the meeting live.
The lists of a large or long meeting keep their rows, the focus and a bounded length while events come."""

import asyncio
import re
import threading
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import approved_questions, assert_accessible, create_meeting, join
from tests.support import Client, ServerProcess

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def small_list_site(built_frontend, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:  # type: ignore[no-untyped-def]
    # Three people listed at most: a meeting of a few is already "large", as one of hundreds would be. One person may
    # send a long meeting's worth of chat lines in seconds.
    env = {"ROUNDTABLE_PEOPLE_LISTED_UP_TO": "3", "ROUNDTABLE_CHAT_RATE_COUNT": "100000", "ROUNDTABLE_RATE_LIMIT_COMMAND_PER_PERSON": "1000/second"}
    process = ServerProcess(tmp_path_factory.mktemp("large-meeting"), env=env).start(timeout=90)
    yield process
    process.stop()


def open_as(page: Page, site: ServerProcess, meeting: dict, person: dict) -> None:
    page.goto(f"{site.url}/meeting/{meeting['id']}#token={person['token']}")
    page.get_by_test_id("meeting-title").wait_for()


def listed(page: Page) -> list[str]:
    return page.get_by_test_id("people").locator("li .name").all_inner_texts()


def test_a_participant_of_a_large_meeting_sees_the_counts_and_the_people_with_a_part(small_list_site, new_context):
    site = small_list_site
    meeting = create_meeting(site.url, title="Ask the audience: a large hall")
    people = {name: join(site, meeting, name) for name in ("Anna", "Bo", "Cai", "Dan", "Eva")}

    mod = new_context().new_page()
    mod.goto(meeting["links"]["console"])
    mod_people = mod.get_by_test_id("people")
    # The moderator's list is everyone's: all five are there to be made keynote speakers.
    expect(mod_people.locator("li")).to_have_count(6)

    anna = new_context(axe=True).new_page()
    open_as(anna, site, meeting, people["Anna"])
    panel = anna.get_by_test_id("people")
    others = anna.get_by_test_id("people-others")
    # Six in the meeting, the moderator and Anna online; only they are named, the four others counted.
    expect(anna.get_by_role("heading", name="People (2 of 6 here)")).to_be_visible()
    expect(panel.locator("li")).to_have_count(2)
    expect(panel.locator(f'[data-participant="{people["Anna"]["participant_id"]}"]')).to_contain_text("Anna")
    expect(panel).to_contain_text("Moderator")
    expect(others).to_have_text("and 4 others")
    assert_accessible(anna, "the people panel of a large meeting")

    # Someone joins, then comes: the counts follow, the list does not grow.
    finn = join(site, meeting, "Finn")
    expect(anna.get_by_role("heading", name="People (2 of 7 here)")).to_be_visible()
    expect(others).to_have_text("and 5 others")
    open_as(new_context().new_page(), site, meeting, finn)
    expect(anna.get_by_role("heading", name="People (3 of 7 here)")).to_be_visible()
    expect(panel.locator("li")).to_have_count(2)

    # Made a keynote speaker, Bo has a part to play and is named from then on.
    bo_id = people["Bo"]["participant_id"]
    mod_people.locator(f'[data-participant="{bo_id}"]').get_by_test_id("keynote-person").click()
    expect(panel.locator(f'[data-participant="{bo_id}"]')).to_contain_text("Bo")
    expect(panel.locator("li")).to_have_count(3)
    expect(others).to_have_text("and 4 others")
    assert sorted(listed(anna)) == ["Anna", "Bo", "Moderator"]
    assert_accessible(anna, "the people panel of a large meeting with a keynote speaker")

    # In Arabic the line is Arabic: Cai sees the moderator, Bo and herself, and four others.
    cai = new_context(language="ar", axe=True).new_page()
    open_as(cai, site, meeting, people["Cai"])
    expect(cai.get_by_test_id("people").locator("li")).to_have_count(3)
    expect(cai.get_by_test_id("people-others")).to_have_text("وآخرون (4)")
    assert_accessible(cai, "the people panel of a large meeting in Arabic")


def test_the_moderators_list_keeps_its_rows_and_the_focus_while_others_change(small_list_site, new_context):
    """A list of everyone is only patched: an event that changes nobody in it leaves every row as it was, and a
    change to one person replaces that row alone. Rebuilt on every event, the list of a thousand cost the console
    a quarter of a second per event, and keyboard and screen-reader users lost their place in it."""
    site = small_list_site
    meeting = create_meeting(site.url, title="Open exchange: the intake hall", format="open")
    people = {name: join(site, meeting, name) for name in ("Anna", "Bo", "Cai")}
    mod = new_context().new_page()
    mod.goto(meeting["links"]["console"])
    mod_people = mod.get_by_test_id("people")
    expect(mod_people.locator("li")).to_have_count(4)
    # A mark on each row element that a rebuilt row would not have.
    mod.evaluate("() => document.querySelectorAll('[data-testid=people] li').forEach((li) => { li.kept = true; })")

    def kept() -> dict[str, bool]:
        return mod.evaluate("() => Object.fromEntries([...document.querySelectorAll('[data-testid=people] li')].map((li) => [li.querySelector('.name').textContent, li.kept === true]))")

    bo_toggle = mod_people.locator(f'[data-participant="{people["Bo"]["participant_id"]}"]').get_by_test_id("keynote-person")
    bo_toggle.focus()

    # Anna comes and writes in the chat: her row changes (online), nobody else's.
    anna = new_context().new_page()
    open_as(anna, site, meeting, people["Anna"])
    expect(mod_people.locator(f'[data-participant="{people["Anna"]["participant_id"]}"]')).to_have_class("online")
    anna.get_by_test_id("chat-text").fill("Good morning from the intake team")
    anna.get_by_test_id("chat-send").click()
    expect(mod.get_by_test_id("chat").get_by_text("Good morning from the intake team")).to_be_visible()
    assert kept() == {"Moderator": True, "Anna": False, "Bo": True, "Cai": True}
    expect(bo_toggle).to_be_focused()

    # Bo is made a keynote speaker from the keyboard: his row is replaced, and the focus stays on his toggle.
    mod.keyboard.press("Enter")
    expect(bo_toggle).to_have_attribute("aria-pressed", "true")
    expect(bo_toggle).to_be_focused()
    assert kept() == {"Moderator": True, "Anna": False, "Bo": False, "Cai": True}

    # Anna leaves: her row goes away and the others keep theirs.
    anna.close()
    expect(mod_people.locator(f'[data-participant="{people["Anna"]["participant_id"]}"]')).to_have_class("offline")
    expect(mod_people.locator("li")).to_have_count(4)
    assert [name for name, same in kept().items() if same] == ["Moderator", "Cai"]
    expect(bo_toggle).to_be_focused()


def test_the_chat_keeps_its_earlier_lines_and_the_focus_while_new_ones_come(small_list_site, new_context):
    """A long meeting's chat holds thousands of lines: a new line is added, the others stay as they were (rebuilt on
    every event, each event cost more than the last), and a moderator about to hide a line keeps the focus on it."""
    site = small_list_site
    meeting = create_meeting(site.url, title="Open exchange: the long afternoon", format="open")
    anna_person = join(site, meeting, "Anna")
    mod = new_context().new_page()
    mod.goto(meeting["links"]["console"])
    anna = new_context().new_page()
    open_as(anna, site, meeting, anna_person)
    chat = mod.get_by_test_id("chat")

    def say(text: str) -> None:
        anna.get_by_test_id("chat-text").fill(text)
        anna.get_by_test_id("chat-send").click()
        expect(chat.get_by_text(text)).to_be_visible()

    for text in ("First: the referral came in", "Second: a wrong number", "Third: the family agreed"):
        say(text)
    mod.evaluate("() => document.querySelectorAll('[data-testid=chat] [data-message]').forEach((li) => { li.kept = true; })")

    def kept() -> list[tuple[str, bool]]:
        rows = mod.evaluate("() => [...document.querySelectorAll('[data-testid=chat] [data-message]')].map((li) => [li.querySelector('.text').textContent, li.kept === true])")
        return [(text, same) for text, same in rows]

    hide_second = chat.locator("li", has_text="Second: a wrong number").get_by_role("button", name=re.compile("^Hide"))
    hide_second.focus()
    say("Fourth: who calls the school?")
    assert kept() == [
        ("First: the referral came in", True),
        ("Second: a wrong number", True),
        ("Third: the family agreed", True),
        ("Fourth: who calls the school?", False),
    ]
    expect(hide_second).to_be_focused()

    # Hidden, the second line goes from everyone's chat; the other lines stay as they were.
    mod.keyboard.press("Enter")
    expect(anna.get_by_test_id("chat").get_by_text("Second: a wrong number")).to_have_count(0)
    expect(chat.get_by_text("Second: a wrong number")).to_have_count(0)
    assert kept() == [("First: the referral came in", True), ("Third: the family agreed", True), ("Fourth: who calls the school?", False)]


def chat_lines(site: ServerProcess, person: dict, numbers: range) -> None:
    """`person` sends "Line N" for each N, one after the other, each acknowledged (beside the page: Playwright's sync
    API holds this thread's loop)."""

    async def send() -> None:
        sender = await Client(site.url, person["token"], "sender").connect()
        try:
            for n in numbers:
                await sender.ok("chat.send", text=f"Line {n}")
        finally:
            await sender.close()

    thread = threading.Thread(target=lambda: asyncio.run(send()))
    thread.start()
    thread.join()


def test_a_long_chat_shows_its_last_lines_and_the_earlier_ones_when_asked(small_list_site, new_context):
    """A long meeting's chat grows without end and each line in the page costs a little on every event: someone
    reading along sees the last 200 lines; "Earlier messages" shows 50 more at a time, first those the page holds,
    then the server's; nothing goes from under someone reading back."""
    site = small_list_site
    meeting = create_meeting(site.url, title="Open exchange: the whole day", format="open")
    anna = join(site, meeting, "Anna")
    chat_lines(site, anna, range(1, 151))
    mod = new_context().new_page()
    mod.goto(meeting["links"]["console"])
    chat, older = mod.get_by_test_id("chat"), mod.get_by_test_id("chat-older")
    lines = chat.locator("[data-message] .text")

    def shown(first: int, last: int) -> None:
        expect(lines).to_have_count(last - first + 1)
        expect(lines.first).to_have_text(f"Line {first}")
        expect(lines.last).to_have_text(f"Line {last}")

    shown(51, 150)  # the snapshot's last 100
    chat_lines(site, anna, range(151, 301))
    shown(101, 300)
    expect(older).to_be_visible()

    older.click()  # from those the page holds
    shown(51, 300)
    assert chat.evaluate("el => el.scrollTop") == 0, "the earlier lines are scrolled into view"
    older.click()  # from the server
    shown(1, 300)
    expect(older).to_be_hidden()

    # Someone reading back loses nothing while the chat goes on.
    chat_lines(site, anna, range(301, 303))
    shown(1, 302)
    # Back at the bottom, reading along: the lines above the last 200 go again.
    chat.evaluate("el => { el.scrollTop = el.scrollHeight; }")
    chat_lines(site, anna, range(303, 304))
    shown(104, 303)
    expect(older).to_be_visible()


def test_the_question_lists_keep_their_rows_and_the_focus_while_others_change(small_list_site, new_context):
    """A large meeting asks hundreds of questions: each list (the moderator's, a participant's) keeps the rows of the
    questions that did not change (rebuilt on every event, 200 questions cost a participant's page 40 ms of each), and
    the moderator's focus stays on the button it was on."""
    site = small_list_site
    meeting = create_meeting(site.url, title="Ask the audience: the big hall", format="ask_the_audience")
    asked = {"Anna": "Who keeps the family's file?", "Cai": "When do we tell the school?"}
    mod, pages = approved_questions(new_context, meeting, asked)
    approved = mod.get_by_test_id("questions-approved")
    anna_list = pages["Anna"].get_by_test_id("questions")
    expect(anna_list.locator("li[data-question]")).to_have_count(2)
    mark = "() => document.querySelectorAll('[data-question]').forEach((li) => { li.kept = true; })"
    kept = "() => Object.fromEntries([...document.querySelectorAll('[data-question]')].map((li) => [li.querySelector('.text').textContent, li.kept === true]))"
    for page in (mod, pages["Anna"]):
        page.evaluate(mark)

    # Someone joins: no question changed.
    join(site, meeting, "Bo")
    expect(mod.get_by_test_id("people")).to_contain_text("Bo")
    expect(pages["Anna"].get_by_test_id("people")).to_contain_text("Bo")
    assert mod.evaluate(kept) == {asked["Anna"]: True, asked["Cai"]: True}
    assert pages["Anna"].evaluate(kept) == {asked["Anna"]: True, asked["Cai"]: True}

    # Anna upvotes Cai's question while the moderator is on Anna's: only Cai's rows change.
    on_the_table = approved.locator("li", has_text=asked["Anna"]).locator('[data-action="question.set_current"]')
    on_the_table.focus()
    anna_list.locator("li", has_text=asked["Cai"]).locator("button.upvote").click()
    expect(approved.locator("li", has_text=asked["Cai"])).to_contain_text("1 vote")
    expect(anna_list.locator("li", has_text=asked["Cai"]).locator("button.upvote")).to_have_attribute("aria-pressed", "true")
    assert mod.evaluate(kept) == {asked["Anna"]: True, asked["Cai"]: False}
    assert pages["Anna"].evaluate(kept) == {asked["Anna"]: True, asked["Cai"]: False}
    expect(on_the_table).to_be_focused()
