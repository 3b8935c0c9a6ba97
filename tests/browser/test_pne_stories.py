"""Story tests of the three PNE webinar formats in real browsers (Ask the audience, Tour de table, Open exchange),
the same way as the seed formats' (test_seed_stories.py): each made on /organise and run from start to end by a
moderator and three participants in their own browser contexts, one of them on a 360 px phone, with axe checks at
the key points, in English and in Danish. The format's stage and role names come from its definition in the page's
language, the pages' words from tests/browser/stories.py."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible, no_horizontal_scroll, screenshot
from tests.browser.stories import WAIT, seed_story

pytestmark = pytest.mark.browser
LANGUAGES = pytest.mark.parametrize("language", ["en", "da"])


def person(page: Page, name: str):  # type: ignore[no-untyped-def]
    """A person's row in the people list."""
    return page.get_by_test_id("people").locator("li", has_text=name)


def turn_order(page: Page):  # type: ignore[no-untyped-def]
    return page.get_by_test_id("turn-order").locator("li .name")


def ask(page: Page, text: str, anonymous: bool = False) -> None:
    page.get_by_test_id("question-text").fill(text)
    if anonymous:
        page.get_by_test_id("question-anonymous").check()
    page.get_by_test_id("question-submit").click()


def question_action(mod: Page, listed: str, text: str, action: str) -> None:
    """A moderator's button on a question in the console's pending or approved list (by its command, not its words)."""
    item = mod.get_by_test_id(listed).locator("li", has_text=text)
    expect(item).to_be_visible(timeout=WAIT)
    item.locator(f"[data-action='{action}']").click()


KEYNOTE_Q = "How do you prepare a child for the forensic interview?"
BO_Q = "Who follows up after the interview?"
ANONYMOUS_Q = "What if the parents refuse the interview?"


@LANGUAGES
def test_ask_the_audience_keynotes_questions_and_the_concluding_tour(site, new_context, language: str) -> None:  # type: ignore[no-untyped-def]
    story, t = seed_story(site, new_context, "ask_the_audience", "Ask the audience: intake interviews", language, ("anna", "bo", "chloe"))
    mod, people = story.mod, story.people
    anna, bo, chloe = people
    expect(mod.locator("html")).to_have_attribute("lang", language)
    story.join(("Anna", "Barnahus Linköping"), ("Bo", "Aarhus Kommune"), ("Chloé", "Red Cross Denmark"))

    # The moderator makes Anna a keynote speaker with the role picker: everyone sees her role and the keynote mark.
    picker = person(mod, "Anna").get_by_test_id("role-select")
    expect(picker.locator("option[value=keynote]")).to_have_text(t.role("keynote"))
    picker.select_option("keynote")
    for page in people:
        expect(person(page, "Anna")).to_contain_text(t.role("keynote"), timeout=WAIT)
        expect(person(page, "Bo")).not_to_contain_text(t.role("keynote"))
    expect(person(mod, "Anna").get_by_test_id("keynote-person")).to_have_attribute("aria-pressed", "true", timeout=WAIT)
    expect(picker).to_have_value("keynote")

    # Questions before the start: the keynote speaker's (a keynote question), Bo's, and Chloé's without her name.
    ask(anna, KEYNOTE_Q)
    ask(bo, BO_Q)
    ask(chloe, ANONYMOUS_Q, anonymous=True)
    pending = mod.get_by_test_id("questions-pending")
    expect(pending.locator("li")).to_have_count(3, timeout=WAIT)
    expect(pending.locator("li", has_text=KEYNOTE_Q)).to_contain_text(t.word("by", "Anna"))
    expect(pending.locator("li", has_text=ANONYMOUS_Q)).to_contain_text(t.word("anonymous"))
    expect(pending.locator("li", has_text=ANONYMOUS_Q)).not_to_contain_text("Chloé")
    question_action(mod, "questions-pending", BO_Q, "question.approve")
    question_action(mod, "questions-pending", ANONYMOUS_Q, "question.approve")
    for page in (anna, bo):
        approved = page.get_by_test_id("questions").locator("li", has_text=ANONYMOUS_Q)
        expect(approved).to_contain_text(t.word("anonymous"), timeout=WAIT)
        expect(approved).not_to_contain_text("Chloé")
        expect(page.get_by_test_id("questions").locator("li", has_text=BO_Q)).to_contain_text(t.word("by", "Bo"))
    assert_accessible(anna, f"a keynote speaker's page before the start on a phone ({language})")

    story.start(t.stage("preparation"))
    expect(mod.get_by_test_id("stepper").locator("li")).to_have_count(len(t.format.stages))
    story.next_stage(t.stage("opening"))
    expect(mod.get_by_test_id("prompt-open_opening_ballot")).to_be_visible()

    # The keynotes: only the keynote speaker takes a turn, and her keynote question comes to the table with it.
    story.next_stage(t.stage("keynotes"))
    for page in story.everyone:
        expect(turn_order(page)).to_have_text(["Anna"], timeout=WAIT)
    mod.get_by_test_id("turn-next").click()
    expect(anna.get_by_test_id("turn-yours")).to_be_visible(timeout=WAIT)
    for page in story.everyone:
        expect(page.get_by_test_id("current-question")).to_contain_text(KEYNOTE_Q, timeout=WAIT)
        expect(page.get_by_test_id("current-question")).to_contain_text(t.word("by", "Anna"))
    assert no_horizontal_scroll(anna), "the keynote's turn scrolls sideways at 360 px"
    assert_accessible(anna, f"the keynote speaker's turn on a phone ({language})")
    screenshot(anna, f"pne-ask-the-audience-keynote-{language}")

    # The concluding tour: everyone but the keynote speaker, the one with a question first. Chloé's anonymous
    # question is nobody's: it does not come to the table with her turn.
    story.next_stage(t.stage("concluding_tour"))
    expect(mod.get_by_test_id("prompt-thinking_break")).to_be_visible()
    for page in story.everyone:
        expect(turn_order(page)).to_have_text(["Bo", "Chloé"], timeout=WAIT)
    mod.get_by_test_id("turn-next").click()
    expect(bo.get_by_test_id("turn-yours")).to_be_visible(timeout=WAIT)
    for page in story.everyone:
        expect(page.get_by_test_id("current-question")).to_contain_text(BO_Q, timeout=WAIT)
    mod.get_by_test_id("turn-next").click()
    expect(chloe.get_by_test_id("turn-yours")).to_be_visible(timeout=WAIT)
    expect(bo.get_by_test_id("turn-yours")).to_have_count(0)
    for page in story.everyone:
        expect(page.get_by_test_id("current-question")).to_have_text(t.word("no_question"), timeout=WAIT)
    assert_accessible(mod, f"the concluding tour in the console ({language})")
    screenshot(mod, f"pne-ask-the-audience-tour-{language}")

    # The moderator puts the anonymous question on the table: still nobody's name on it.
    question_action(mod, "questions-approved", ANONYMOUS_Q, "question.set_current")
    for page in people:
        current = page.get_by_test_id("current-question")
        expect(current).to_contain_text(ANONYMOUS_Q, timeout=WAIT)
        expect(current).to_contain_text(t.word("anonymous"))
        expect(current).not_to_contain_text("Chloé")

    story.next_stage(t.stage("closing"))
    expect(mod.get_by_test_id("prompt-record_follow_ups")).to_be_visible()
    story.end(t.word("ended"))


@LANGUAGES
def test_tour_de_table_turns_around_the_table_and_the_confirmation_before_leaving(site, new_context, language: str) -> None:  # type: ignore[no-untyped-def]
    story, t = seed_story(site, new_context, "tour_de_table", "Tour de table: everyday questions", language, ("ida", "omar", "sara"))
    mod, people = story.mod, story.people
    ida, omar, sara = people
    asked: list[str] = []
    mod.on("dialog", lambda dialog: asked.append(dialog.message))
    story.join(("Ida", "Aarhus Kommune"), ("Omar", "Skjoldhøj School"), ("Sara", "Health visitor"))
    # Sara brings her question along: she goes first in the rounds; the others keep the order in which they joined.
    ask(sara, "How do we reach parents who never answer letters?")

    story.start(t.stage("preparation"))
    expect(mod.get_by_test_id("stepper").locator("li")).to_have_count(len(t.format.stages))
    story.next_stage(t.stage("opening"))
    story.next_stage(t.stage("rounds"))
    expect(mod.get_by_test_id("prompt-breakouts")).to_be_visible()
    for page in story.everyone:
        expect(turn_order(page)).to_have_text(["Sara", "Ida", "Omar"], timeout=WAIT)

    # Turns around the table, one Next turn at a time: Sara's question comes to the table with hers.
    mod.get_by_test_id("turn-next").click()
    expect(sara.get_by_test_id("turn-yours")).to_be_visible(timeout=WAIT)
    for page in story.everyone:
        expect(page.get_by_test_id("current-question")).to_contain_text("parents who never answer", timeout=WAIT)
    mod.get_by_test_id("turn-next").click()
    expect(ida.get_by_test_id("turn-yours")).to_be_visible(timeout=WAIT)
    expect(sara.get_by_test_id("turn-yours")).to_have_count(0)
    expect(ida.get_by_test_id("turns-remaining")).to_have_text(t.word("turns_remaining", "Omar"))
    assert no_horizontal_scroll(ida), "the round scrolls sideways at 360 px"
    assert_accessible(ida, f"a turn in the round on a phone ({language})")
    assert_accessible(mod, f"the round in the console ({language})")
    screenshot(ida, f"pne-tour-de-table-turn-{language}")

    # Omar has not had his turn: leaving the rounds asks the moderator first, naming him.
    assert asked == []
    story.next_stage(t.stage("closing"))
    assert len(asked) == 1, asked
    assert t.word("turns_remaining", "Omar") in asked[0] and t.word("confirm_close") in asked[0], asked[0]

    mod.get_by_test_id("prompt-record_follow_ups").click()
    mod.get_by_test_id("followup-text").fill("Share the letter templates")
    mod.get_by_test_id("followup-add").click()
    for page in people:
        expect(page.get_by_test_id("followups")).to_contain_text("Share the letter templates", timeout=WAIT)
    story.end(t.word("ended"))


@LANGUAGES
def test_open_exchange_the_floor_by_raised_hands_and_the_chat(site, new_context, language: str) -> None:  # type: ignore[no-untyped-def]
    story, t = seed_story(site, new_context, "open", "Open exchange: volunteers", language, ("ida", "omar", "sara"))
    mod, people = story.mod, story.people
    ida, omar, sara = people
    story.join(("Ida", "Red Cross"), ("Omar", "Library"), ("Sara", "Sports club"))
    mod.get_by_test_id("start-meeting").click()
    # No stages: the floor is open from the start, and the pages name the format in their language.
    for page in story.everyone:
        expect(page.get_by_test_id("meeting-status")).to_contain_text(t.word("live"), timeout=WAIT)
        expect(page.get_by_test_id("meeting-status")).to_contain_text(t.name())
        expect(page.get_by_test_id("stepper")).to_have_count(0)

    # Hands: Ida on her phone, then Omar, then Sara; everyone sees the same queue.
    for page in people:
        expect(page.get_by_test_id("hand-position")).to_have_text(t.word("hand_down"), timeout=WAIT)
        page.get_by_test_id("hand-button").click()
        expect(page.get_by_test_id("hand-position")).not_to_have_text(t.word("hand_down"), timeout=WAIT)
    expect(ida.get_by_test_id("hand-position")).to_have_text(t.word("next_in_line"))
    for page in story.everyone:
        expect(page.get_by_test_id("queue").locator("li .name")).to_have_text(["Ida", "Omar", "Sara"], timeout=WAIT)
    assert no_horizontal_scroll(ida), "the queue scrolls sideways at 360 px"
    assert_accessible(ida, f"a raised hand on a phone ({language})")
    assert_accessible(mod, f"the queue in the console ({language})")

    # The floor: the next in line, then one the moderator chooses, then the last.
    mod.get_by_test_id("give-next").click()
    expect(ida.get_by_test_id("floor-you")).to_be_visible(timeout=WAIT)
    for page in (omar, sara):
        expect(page.get_by_test_id("floor-name")).to_have_text("Ida", timeout=WAIT)
    expect(omar.get_by_test_id("hand-position")).to_have_text(t.word("next_in_line"))
    assert_accessible(ida, f"having the floor on a phone ({language})")
    screenshot(ida, f"pne-open-floor-{language}")
    ida.get_by_test_id("floor").get_by_role("button").click()
    expect(ida.get_by_test_id("floor-you")).to_have_count(0, timeout=WAIT)
    mod.get_by_test_id("queue").locator("li", has_text="Sara").locator("[data-focus-key^='give-']").click()
    expect(sara.get_by_test_id("floor-you")).to_be_visible(timeout=WAIT)
    expect(mod.get_by_test_id("queue").locator("li .name")).to_have_text(["Omar"], timeout=WAIT)
    mod.get_by_test_id("finish-speaking").click()
    expect(sara.get_by_test_id("floor-you")).to_have_count(0, timeout=WAIT)
    mod.get_by_test_id("give-next").click()
    expect(omar.get_by_test_id("floor-you")).to_be_visible(timeout=WAIT)
    omar.get_by_test_id("floor").get_by_role("button").click()
    for page in story.everyone:
        expect(page.get_by_test_id("queue").locator("li")).to_have_count(0, timeout=WAIT)

    # The chat: a reflection and a resource, a link for everyone.
    omar.get_by_test_id("chat-text").fill("Our reading buddies meet on Tuesdays.")
    omar.get_by_test_id("chat-send").click()
    sara.get_by_test_id("chat-kind").select_option("resource")
    sara.get_by_test_id("chat-text").fill("Guide for new volunteers")
    sara.get_by_test_id("chat-url").fill("https://example.org/volunteers")
    sara.get_by_test_id("chat-title").fill("Volunteer guide")
    sara.get_by_test_id("chat-send").click()
    for page in story.everyone:
        expect(page.get_by_test_id("chat")).to_contain_text("reading buddies", timeout=WAIT)
        link = page.get_by_test_id("chat").get_by_role("link", name="Volunteer guide")
        expect(link).to_have_attribute("href", "https://example.org/volunteers", timeout=WAIT)
    assert no_horizontal_scroll(ida), "the chat scrolls sideways at 360 px"
    assert_accessible(ida, f"the chat on a phone ({language})")
    story.end(t.word("ended"))
