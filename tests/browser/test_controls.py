"""Every control the server offers is on the pages: the organiser adds a co-moderator, the moderator
marks a keynote speaker and a keynote question, sets the hand grace period, moves a chat question into
the question queue, names the breakout rooms, and people share links in their room's chat."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import approved_questions, create_meeting, join_via_page
from tests.support import ORGANISER_KEY

pytestmark = pytest.mark.browser


def watch(page: Page, errors: list[str], who: str) -> Page:
    page.on("pageerror", lambda exc: errors.append(f"{who}: {exc}"))
    page.on("dialog", lambda dialog: dialog.accept())
    return page


def test_the_controls_that_were_only_in_the_api_are_on_the_pages(site, new_context):
    errors: list[str] = []
    # The organiser creates the meeting and adds Dina as co-moderator on /organise.
    organiser = watch(new_context().new_page(), errors, "organiser")
    organiser.goto(f"{site.url}/organise")
    organiser.get_by_test_id("organiser-key").fill(ORGANISER_KEY)
    organiser.get_by_test_id("sign-in").click()
    organiser.get_by_test_id("meeting-title-input").fill("Ask the audience: interpreters")
    organiser.get_by_test_id("create-meeting").click()
    organiser.get_by_test_id("created").wait_for()
    console_link = organiser.get_by_test_id("console-link").input_value()
    join_link = organiser.get_by_test_id("join-link").input_value()
    organiser.get_by_test_id("co-moderator-name").fill("Dina")
    organiser.get_by_test_id("co-moderator-add").click()
    dina_link = organiser.get_by_test_id("co-moderator-link-0").input_value()
    assert "#token=" in dina_link and dina_link != console_link
    expect(organiser.get_by_test_id("co-moderator-links")).to_contain_text("Console link for Dina")

    mod = watch(new_context().new_page(), errors, "moderator")
    mod.goto(console_link)
    dina = watch(new_context().new_page(), errors, "dina")
    dina.goto(dina_link)
    expect(dina.get_by_test_id("meeting-status")).to_contain_text("Moderator: Dina")
    expect(mod.get_by_test_id("people")).to_contain_text("Dina")

    amal = watch(new_context().new_page(), errors, "amal")
    join_via_page(amal, join_link, "Amal", "Red Cross")
    bo = watch(new_context().new_page(), errors, "bo")
    join_via_page(bo, join_link, "Bo", "Aarhus Kommune", question="Who pays the interpreter?")

    # Amal is a keynote speaker: everyone sees it, and her question is a keynote question.
    amal_row = mod.get_by_test_id("people").locator("li", has_text="Amal")
    keynote = amal_row.get_by_role("button", name="Keynote speaker: Amal")
    expect(keynote).to_have_attribute("aria-pressed", "false")
    keynote.click()
    expect(keynote).to_have_attribute("aria-pressed", "true")
    expect(bo.get_by_test_id("people").locator("li", has_text="Amal")).to_contain_text("keynote")
    amal.get_by_test_id("question-text").fill("How do you brief an interpreter before a hearing?")
    amal.get_by_test_id("question-submit").click()
    pending = mod.get_by_test_id("questions-pending")
    expect(pending.locator("li", has_text="brief an interpreter")).to_contain_text("keynote")

    # Bo's question becomes a keynote question by the moderator's toggle.
    bo_toggle = pending.locator("li", has_text="Who pays").get_by_role("button", name=re.compile("^Keynote question"))
    expect(bo_toggle).to_have_attribute("aria-pressed", "false")
    bo_toggle.click()
    expect(pending.locator("li", has_text="Who pays")).to_contain_text("keynote")
    expect(pending.locator("li", has_text="Who pays").get_by_role("button", name=re.compile("^Keynote question"))).to_have_attribute("aria-pressed", "true")

    # The hand grace period: set on one console, seen on the other.
    mod.get_by_test_id("hand-grace").fill("120")
    mod.get_by_test_id("hand-grace-save").click()
    expect(mod.get_by_test_id("notice")).to_contain_text("Saved.")
    expect(dina.get_by_test_id("hand-grace")).to_have_value("120")
    mod.get_by_test_id("hand-grace").fill("-5")
    mod.get_by_test_id("hand-grace-save").click()
    expect(dina.get_by_test_id("hand-grace")).to_have_value("120")

    mod.get_by_test_id("start-meeting").click()
    expect(bo.get_by_test_id("meeting-status")).to_contain_text("Live")

    # A question asked in the chat goes into the question queue with one click.
    bo.get_by_test_id("chat-text").fill("Can we share the interpreter checklist?")
    bo.get_by_test_id("chat-kind").select_option("question")
    bo.get_by_test_id("chat-send").click()
    message = mod.get_by_test_id("chat").locator("li", has_text="interpreter checklist")
    message.get_by_role("button", name=re.compile("^Put the question from Bo in the question queue")).click()
    expect(message).to_contain_text("in the question queue")
    expect(amal.get_by_test_id("questions")).to_contain_text("Can we share the interpreter checklist?")
    expect(mod.get_by_test_id("questions-approved")).to_contain_text("interpreter checklist")

    # Breakout rooms with the moderator's names.
    mod.get_by_test_id("breakout-count").fill("2")
    mod.get_by_test_id("breakout-room-name-1").fill("Intake")
    mod.get_by_test_id("breakout-room-name-2").fill("Follow-up")
    mod.get_by_test_id("breakout-assignment").select_option("manual")
    by_hand = mod.get_by_test_id("breakout-by-hand")
    by_hand.get_by_label("Amal").select_option(label="Intake")
    by_hand.get_by_label("Bo").select_option(label="Intake")
    mod.get_by_test_id("breakout-start").click()
    expect(amal.get_by_test_id("breakout-my-room")).to_have_text("You are in Intake.")
    expect(bo.get_by_test_id("breakout-my-room")).to_have_text("You are in Intake.")
    expect(mod.get_by_test_id("breakout-rooms")).to_contain_text("Intake (2) · Follow-up (0)")

    # A resource link in the room's chat: a link for the others in the room and the moderator.
    amal.get_by_test_id("room-chat-kind").select_option("resource")
    amal.get_by_test_id("room-chat-text").fill("The checklist we use")
    amal.get_by_test_id("room-chat-url").fill("https://example.org/interpreter-checklist")
    amal.get_by_test_id("room-chat-title").fill("Interpreter checklist")
    amal.get_by_test_id("room-chat-send").click()
    link = bo.get_by_test_id("room-chat").get_by_role("link", name="Interpreter checklist")
    expect(link).to_have_attribute("href", "https://example.org/interpreter-checklist")
    expect(mod.get_by_test_id("room-chat").get_by_role("link", name="Interpreter checklist")).to_be_visible()
    # A link that is not a web address is refused on the page.
    bo.get_by_test_id("room-chat-kind").select_option("resource")
    bo.get_by_test_id("room-chat-text").fill("Look")
    bo.get_by_test_id("room-chat-url").fill("javascript:alert(1)")
    bo.get_by_test_id("room-chat-send").click()
    expect(bo.get_by_test_id("notice")).to_contain_text("http://")
    assert errors == []


def answers_held_back(page: Page, but: tuple[str, ...] = ()) -> list[str]:
    """From now on the answers to the page's commands (but those of the types `but`) are held back and never
    delivered; the events come as they are sent. The answers held, as a list that grows."""
    held: list[str] = []
    let_through: set[str] = set()

    def route(ws) -> None:  # type: ignore[no-untyped-def]
        server = ws.connect_to_server()

        def sent(message: str | bytes) -> None:
            # Socket.IO over engine.io: '42<id>["command",{"type":…' is a command, "43<id>[…]" its answer, '42["event"…' an
            # event.
            command = re.match(r'42(\d+)\["command",\{"type":"([a-z_.]+)"', message) if isinstance(message, str) else None
            if command and command.group(2) in but:
                let_through.add(command.group(1))
            server.send(message)

        def received(message: str | bytes) -> None:
            answer = re.match(r"43(\d+)", message) if isinstance(message, str) else None
            if answer and answer.group(1) not in let_through:
                held.append(message)
            else:
                ws.send(message)

        ws.on_message(sent)
        server.on_message(received)

    page.route_web_socket(re.compile(r"/socket\.io/"), route)
    return held


def test_a_click_counts_although_the_meeting_changes_while_the_button_is_held_down(site, new_context):
    """A press lasts about a tenth of a second and a large meeting's panels change more often than that. A button
    drawn again between press and release lost its click (the browser gives it to neither button): the moderator
    pressed "Put on the table" as someone upvoted that question, and nothing happened. The same with Space, which
    clicks when it is let go."""
    meeting = create_meeting(site.url, title="Ask the audience: school nurses", format="ask_the_audience")
    asked = {"Anna": "How do we reach families who moved away?", "Cai": "Who tells the school?"}
    mod, pages = approved_questions(new_context, meeting, asked)
    approved = mod.get_by_test_id("questions-approved")

    def upvoted_meanwhile(by: str, question: str, pressed_one: str) -> None:
        """Someone upvotes the question whose button is held: its row in the console shows the new count."""
        pressed = mod.evaluate_handle(pressed_one)
        assert pressed.evaluate("el => el.matches('[data-action=\"question.set_current\"]')")
        pages[by].get_by_test_id("questions").locator("li", has_text=question).locator("button.upvote").click()
        # Pages drew the row again at once (the button left the page); now the change waits for the release.
        mod.wait_for_function("el => !el.isConnected || Number(document.body.dataset.updatesHeld) > 0", arg=pressed)

    def on_the_table(question: str) -> None:
        expect(approved.locator("li.current")).to_contain_text(question)
        # What came in meanwhile is drawn once the button is let go.
        expect(approved.locator("li", has_text=question)).to_contain_text("1 vote")
        expect(mod.locator("body[data-updates-held]")).to_have_count(0)

    # With the mouse: where the button is, measured in one step (the console may be drawing it as it is asked).
    x, y = mod.evaluate(
        """(text) => {
          const row = [...document.querySelectorAll('[data-testid="questions-approved"] li')].find((li) => li.textContent.includes(text));
          const r = row.querySelector('[data-action="question.set_current"]').getBoundingClientRect();
          return [r.x + r.width / 2, r.y + r.height / 2];
        }""",
        asked["Cai"],
    )
    mod.mouse.move(x, y)
    mod.mouse.down()
    upvoted_meanwhile("Anna", asked["Cai"], f"() => document.elementFromPoint({x}, {y}).closest('button')")
    mod.mouse.up()
    on_the_table(asked["Cai"])

    # With Space.
    approved.locator("li", has_text=asked["Anna"]).locator('[data-action="question.set_current"]').focus()
    mod.keyboard.down(" ")
    upvoted_meanwhile("Cai", asked["Anna"], "() => document.activeElement")
    mod.keyboard.up(" ")
    on_the_table(asked["Anna"])


def test_the_buttons_in_use_stay_the_same_while_the_meeting_changes(site, new_context):
    """A control drawn anew with every event, with the focus on it, is read out again by a screen reader each time,
    in a large meeting several times a second: "Give the floor to the next" stays the same element while people
    talk, and a ballot's answer while others vote (only the count changes)."""
    meeting = create_meeting(site.url, title="Ask the audience: the interpreters' hall", format="ask_the_audience")
    mod = new_context().new_page()
    mod.goto(meeting["links"]["console"])
    mod.get_by_test_id("start-meeting").click()
    anna, bo = new_context().new_page(), new_context().new_page()
    join_via_page(anna, meeting["links"]["join"], "Anna", "Barnahus Oslo")
    join_via_page(bo, meeting["links"]["join"], "Bo", "Aarhus Kommune")
    mark = "(el) => { el.kept = true; }"
    same = "(el) => el.kept === true"

    give_next = mod.get_by_test_id("give-next")
    give_next.focus()
    give_next.evaluate(mark)
    anna.get_by_test_id("chat-text").fill("The interpreter is on her way")
    anna.get_by_test_id("chat-send").click()
    expect(mod.get_by_test_id("chat")).to_contain_text("The interpreter is on her way")
    assert give_next.evaluate(same)
    expect(give_next).to_be_focused()

    mod.get_by_test_id("consent-open-opening").click()
    yes = anna.get_by_test_id("consent-yes")
    yes.focus()
    yes.evaluate(mark)
    bo.get_by_test_id("consent-yes").click()
    expect(anna.get_by_test_id("consent-tally")).to_have_text("1 of 3 have answered.")
    assert yes.evaluate(same)
    expect(yes).to_be_focused()


def test_a_press_on_what_the_page_now_shows_counts_before_the_last_press_is_answered(site, new_context):
    """The server sends a command's events before its answer, and a busy server's answer can lag. A moderator who
    saw "Opening" and pressed "Next: Rounds" at once pressed, to the page, the same button as before while its
    first press was still on its way, and the press did nothing. Here the answers to the console's commands are
    held back: each press on what the page shows counts."""
    meeting = create_meeting(site.url, title="Tour de table: foster care placements", format="tour_de_table")
    mod = new_context().new_page()
    held = answers_held_back(mod, but=("question.mark_answered",))
    mod.on("dialog", lambda dialog: dialog.accept())
    mod.goto(meeting["links"]["console"])
    people = {}
    for name in ("Amal", "Bo", "Chloé", "Dora", "Eli"):
        people[name] = new_context().new_page()
        join_via_page(people[name], meeting["links"]["join"], name, question=f"{name}'s question about the placement")
    mod.get_by_test_id("start-meeting").click()
    current_step = mod.get_by_test_id("stepper").locator("[aria-current=step]")
    for stage in ("Opening", "Rounds"):
        mod.get_by_test_id("stage-next").click()
        expect(current_step).to_contain_text(stage)
    turn_order = mod.get_by_test_id("turn-order")
    expect(turn_order.locator("li")).to_have_count(5)
    for turns_had in (1, 2):
        mod.get_by_test_id("turn-next").click()
        expect(turn_order.locator("li", has_text="done")).to_have_count(turns_had - 1)
        expect(turn_order.locator("li.me")).to_have_count(1)
        expect(turn_order.locator("li", has_text="waiting")).to_have_count(5 - turns_had)
    for name in ("Bo", "Chloé"):
        people[name].get_by_test_id("hand-button").click()
        expect(mod.get_by_test_id("queue")).to_contain_text(name)
    # The same on a participant's page: Eli raises her hand and, seeing it raised, lowers it.
    eli_held = answers_held_back(people["Eli"])
    people["Eli"].reload()
    hand = people["Eli"].get_by_test_id("hand-button")
    for shown in ("true", "false"):
        hand.click()
        expect(hand).to_have_attribute("aria-pressed", shown)
    assert eli_held, "the answers to Eli's page were held back"
    for name in ("Bo", "Chloé"):
        mod.get_by_test_id("give-next").click()
        expect(mod.get_by_test_id("floor-name")).to_have_text(name)
    pending = mod.get_by_test_id("questions-pending")
    approve = pending.locator('[data-action="question.approve"]')
    expect(approve).to_have_count(3)  # Amal's and Bo's questions came to the table with their turns
    for left in (2, 1, 0):
        approve.first.click()
        expect(approve).to_have_count(left)
    # The last of the approved questions moves up twice.
    approved = mod.get_by_test_id("questions-approved").locator("li[data-question]")
    last, count = approved.last.get_attribute("data-question"), approved.count()
    assert count >= 3
    for place in (count - 2, count - 3):
        mod.get_by_test_id("questions-approved").locator(f'li[data-question="{last}"]').get_by_role("button", name=re.compile("^Move up")).click()
        expect(approved.nth(place)).to_have_attribute("data-question", last)
    on_the_table = mod.get_by_test_id("current-question").locator("blockquote")
    for _ in range(2):
        before, upcoming = on_the_table.inner_text(), mod.get_by_test_id("next-question-text").inner_text()
        mod.get_by_test_id("next-question").click()
        expect(on_the_table).not_to_have_text(before)
        assert on_the_table.inner_text() in upcoming
    # A select changes at every arrow key: each choice shown counts.
    for rule, says in (("first_come", "First come"), ("least_time", "spoken least")):
        mod.get_by_test_id("hand-rule").select_option(rule)
        expect(mod.get_by_test_id("queue-rule")).to_contain_text(says)
    # Every press counted although none of them was answered yet.
    assert len(held) >= 12
