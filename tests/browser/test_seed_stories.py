"""Story tests of the seed formats in real browsers: each made on /organise by an organiser and run from its first
stage to its last by a moderator and three participants in their own browser contexts, one of them on a 360 px
phone, with axe checks at the key points. Each seed story runs in English and in Danish: the format's own texts
(stages, boards, columns, roles, guidance) are read from its definition in the page's language, the pages' words
from tests/browser/stories.py. A custom format made on the organise page runs the same way."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, no_horizontal_scroll, screenshot
from tests.browser.stories import DESKTOP, WAIT, add_card, board, card, open_story, open_tools, seed_story, sign_in, watch

pytestmark = pytest.mark.browser
LANGUAGES = pytest.mark.parametrize("language", ["en", "da"])


@LANGUAGES
def test_network_meeting_rounds_of_observations_new_actions_and_the_next_date(site, new_context, language: str) -> None:  # type: ignore[no-untyped-def]
    story, t = seed_story(site, new_context, "network_meeting", "Network meeting: the Hassan children", language, ("ida", "omar", "sara"))
    mod, people = story.mod, story.people
    ida, omar, sara = people
    story.join(("Ida", "Aarhus Kommune"), ("Omar", "Skjoldhøj School"), ("Sara", "Health visitor"))
    story.start(t.stage("welcome"))
    expect(mod.get_by_test_id("stepper").locator("li")).to_have_count(len(t.format.stages))

    story.next_stage(t.stage("review_actions"))
    # No carried actions in a first meeting (outside a series): the stage's guidance says what to do.
    expect(mod.get_by_test_id("stage-guidance-text")).to_have_text(t.guidance("review_actions"))
    expect(board(ida, "actions")).to_be_visible()

    # Observations: a round, each party in turn, each turn's observation written on the board.
    story.next_stage(t.stage("observations"))
    for page, text in (
        (ida, "Amir has started at the youth club"),
        (omar, "Leila reads at her age level now"),
        (sara, "The youngest missed two check-ups"),
    ):
        mod.get_by_test_id("turn-next").click()
        expect(page.get_by_test_id("turn-yours")).to_be_visible(timeout=WAIT)
        add_card(page, "observations", text)
        for other in story.everyone:
            expect(card(other, text)).to_be_visible(timeout=WAIT)
    assert no_horizontal_scroll(ida), "the observations round scrolls sideways at 360 px"
    assert_accessible(ida, f"a network meeting's round on a phone ({language})")

    # New actions on the actions board: proposed by a participant, given an owner and a due date by the coordinator.
    story.next_stage(t.stage("new_actions"))
    add_card(omar, "actions", "Book a check-up with the health visitor", column=t.column("actions", "open"))
    tools = open_tools(mod, "Book a check-up")
    tools.get_by_test_id("card-owner").fill("Sara, health visitor")
    tools.get_by_test_id("card-due").fill("2027-01-15")
    tools.get_by_test_id("card-assign").click()
    for page in story.everyone:
        expect(card(page, "Book a check-up")).to_contain_text(t.word("owner", "Sara, health visitor"), timeout=WAIT)
        expect(card(page, "Book a check-up")).to_contain_text(t.word("due", "2027-01-15"))
    expect(board(ida, "actions").locator("[data-column=open]")).to_contain_text("Book a check-up")
    assert_accessible(mod, f"the actions board in the coordinator's console ({language})")
    screenshot(mod, f"seed-network-meeting-actions-{language}")

    # The next date, recorded where participants see it, and the meeting ends.
    story.next_stage(t.stage("next_date"))
    expect(mod.get_by_test_id("prompt-set_next_date")).to_be_visible()
    mod.get_by_test_id("prompt-record_follow_ups").click()
    expect(mod.get_by_test_id("followup-text")).to_be_focused()
    mod.get_by_test_id("followup-text").fill("Next network meeting")
    mod.get_by_test_id("followup-due").fill("2027-02-05")
    mod.get_by_test_id("followup-add").click()
    for page in people:
        expect(page.get_by_test_id("followups")).to_contain_text("Next network meeting", timeout=WAIT)
        expect(page.get_by_test_id("followups")).to_contain_text("2027-02-05")
    assert_accessible(ida, f"the next date on a phone ({language})")
    story.end(t.word("ended"))


@LANGUAGES
def test_drop_in_session_map_concerns_dots_and_recommendations(site, new_context, language: str) -> None:  # type: ignore[no-untyped-def]
    story, t = seed_story(site, new_context, "drop_in_session", "Refleksionsværksted for frivillige", language, ("lene", "karim", "mette"))
    mod, people = story.mod, story.people
    lene, karim, mette = people
    story.join(("Lene", "Røde Kors"), ("Karim", "Dansk Flygtningehjælp"), ("Mette", "Aarhus Kommune"))
    story.start(t.stage("welcome"))

    # Who does what: each organisation's services on the map, given a theme; overlaps and gaps by theme.
    story.next_stage(t.stage("who_does_what"))
    add_card(lene, "services", "Lektiecafé to gange om ugen", column=t.column("services", "services"))
    add_card(karim, "services", "Lektiehjælp til nyankomne børn", column=t.column("services", "services"))
    add_card(mette, "services", "Ingen tilbyder tolkning til forældremøder", column=t.column("services", "gaps"))
    for text, theme in (("Lektiecafé", "Lektier"), ("Lektiehjælp", "lektier"), ("Ingen tilbyder tolkning", "Tolkning")):
        tools = open_tools(mod, text)
        tools.get_by_test_id("card-theme").fill(theme)
        tools.get_by_test_id("card-set-theme").click()
        expect(card(lene, text)).to_contain_text(t.word("theme", theme), timeout=WAIT)
    for page in (mod, lene):
        table = board(page, "services").get_by_test_id("board-map")
        expect(table.locator("tr[data-coverage=overlap]")).to_contain_text("Dansk Flygtningehjælp, Røde Kors", timeout=WAIT)
        expect(table.locator("tr[data-coverage=gap]")).to_contain_text("Tolkning")
        expect(table.locator("tr[data-coverage=gap]")).to_contain_text(t.word("gap"))
    assert no_horizontal_scroll(lene), "the map scrolls sideways at 360 px"
    assert_accessible(lene, f"the drop-in map on a phone ({language})")

    # Concerns: one written without a name.
    story.next_stage(t.stage("concerns"))
    concerns = board(karim, "concerns")
    concerns.get_by_test_id("card-text").fill("Vi mister frivillige efter et halvt år")
    concerns.get_by_test_id("card-anonymous").check()
    concerns.get_by_test_id("card-add").click()
    for page in (mod, lene, mette):
        expect(card(page, "Vi mister frivillige")).to_contain_text(t.word("anonymous"), timeout=WAIT)
        expect(card(page, "Vi mister frivillige")).not_to_contain_text("Karim")

    # Brainstorm with dot voting: three dots each, one a card, the budget shown and kept.
    story.next_stage(t.stage("brainstorm"))
    ideas = ["Fælles tolkepulje", "Mentorordning for nye frivillige", "Fælles kalender"]
    for page, idea in zip(people, ideas, strict=True):
        add_card(page, "brainstorm", idea)
    votes = {lene: ideas[:2], karim: ideas[:2], mette: ideas}
    for page, chosen in votes.items():
        for idea in chosen:
            expect(card(page, idea)).to_be_visible(timeout=WAIT)
            card(page, idea).get_by_test_id("card-vote").click()
            expect(card(page, idea)).to_contain_text(t.word("my_dots", 1), timeout=WAIT)
    # Mette has spent her three dots: no dot button is left for her.
    expect(board(mette, "brainstorm").get_by_test_id("card-vote")).to_have_count(0, timeout=WAIT)
    expect(card(mod, ideas[0])).to_contain_text(t.word("dots", 3), timeout=WAIT)
    expect(card(mod, ideas[1])).to_contain_text(t.word("dots", 3))
    expect(card(mod, ideas[2])).to_contain_text(t.word("dots", 1))
    assert_accessible(lene, f"dot voting on a phone ({language})")

    # Recommendations: the top two, each with an owner.
    story.next_stage(t.stage("recommendations"))
    for idea, owner in ((ideas[0], "Aarhus Kommune"), (ideas[1], "Røde Kors")):
        add_card(mod, "recommendations", idea)
        tools = open_tools(mod, idea, "recommendations")
        tools.get_by_test_id("card-owner").fill(owner)
        tools.get_by_test_id("card-assign").click()
        for page in people:
            expect(card(page, idea, "recommendations")).to_contain_text(t.word("owner", owner), timeout=WAIT)
    assert_accessible(mod, f"recommendations in the host's console ({language})")
    screenshot(mod, f"seed-drop-in-recommendations-{language}")

    story.next_stage(t.stage("next_session"))
    story.end(t.word("ended"))


PLAN_SECTIONS = (
    ("improve", "Fatima gets help with the letters from the municipality"),
    ("initiatives", "A weekly walk with her neighbour"),
    ("public_partners", "The job centre explains the course offer"),
    ("network_resources", "Her cousin drives her to the language school"),
)


@LANGUAGES
def test_network_group_conference_the_plan_in_four_sections_signed_by_the_network(site, new_context, language: str) -> None:  # type: ignore[no-untyped-def]
    story, t = seed_story(site, new_context, "network_group_conference", "Network group conference: Fatima", language, ("fatima", "hana", "lars"))
    mod, people = story.mod, story.people
    fatima, hana, lars = people
    # Role links: the focal person and the public partner; whoever joins by the plain link is a network member.
    role_links = {}
    for i, role in enumerate(("focal_person", "public_partner")):
        mod.get_by_test_id("role-link-role").select_option(role)
        mod.get_by_test_id("role-link-make").click()
        expect(mod.get_by_test_id(f"role-link-{i}")).to_have_value(re.compile("#role="), timeout=WAIT)
        role_links[role] = mod.get_by_test_id(f"role-link-{i}").input_value()
    story.join(("Fatima", "", role_links["focal_person"]), ("Hana", "Neighbour"), ("Lars", "Job centre", role_links["public_partner"]))
    story.start(t.stage("preparation"))

    story.next_stage(t.stage("information"))
    add_card(hana, "offers", "Can the library help with the forms?", column=t.column("offers", "questions"))
    expect(card(mod, "Can the library help with the forms?")).to_be_visible(timeout=WAIT)

    # The network's own time: the plan's four sections filled by the person and her network.
    story.next_stage(t.stage("network_time"))
    # The public partner is told to wait, and for whom this part is; the person and her network are not.
    expect(lars.get_by_test_id("stage-waiting")).to_contain_text(t.role("focal_person"), timeout=WAIT)
    expect(lars.get_by_test_id("stage-waiting")).to_contain_text(t.role("network_member"))
    for page in (fatima, hana, mod):
        expect(page.get_by_test_id("stage-waiting")).to_have_count(0)
    writers = (fatima, hana, hana, fatima)
    for page, (column_id, text) in zip(writers, PLAN_SECTIONS, strict=True):
        add_card(page, "plan", text, column=t.column("plan", column_id))
    for column_id, text in PLAN_SECTIONS:
        for page in story.everyone:
            expect(board(page, "plan").locator(f"[data-column='{column_id}']")).to_contain_text(text, timeout=WAIT)
    assert no_horizontal_scroll(fatima), "the plan scrolls sideways at 360 px"
    assert_accessible(fatima, f"the plan's four sections on a phone ({language})")

    # The plan: each of them signs; the coordinator sees who has, until everyone has.
    story.next_stage(t.stage("plan"))
    expect(mod.get_by_test_id("prompt-collect_sign_offs")).to_be_visible()
    expect(board(mod, "plan").get_by_test_id("plan-waiting")).to_contain_text("Fatima", timeout=WAIT)
    expect(board(mod, "plan").get_by_test_id("plan-waiting")).not_to_contain_text("Lars")
    expect(board(lars, "plan").get_by_test_id("plan-sign")).to_have_count(0)
    for page in (fatima, hana):
        board(page, "plan").get_by_test_id("plan-sign").click()
        expect(board(page, "plan")).to_contain_text(t.word("you_signed"), timeout=WAIT)
    signed = board(mod, "plan").get_by_test_id("plan-signed")
    for name in ("Fatima", "Hana"):
        expect(signed).to_contain_text(name, timeout=WAIT)
    expect(board(mod, "plan").get_by_test_id("plan-waiting")).to_have_count(0)
    expect(board(mod, "plan")).to_contain_text(t.word("all_signed"))
    assert_accessible(mod, f"the signed plan in the coordinator's console ({language})")
    screenshot(mod, f"seed-network-group-conference-signed-{language}")

    story.next_stage(t.stage("follow_up"))
    story.end(t.word("ended"))


@LANGUAGES
def test_learning_conversation_signs_of_safety_tagged_and_the_private_note(site, new_context, language: str) -> None:  # type: ignore[no-untyped-def]
    story, t = seed_story(site, new_context, "learning_conversation", "Learning conversation: the Ali family", language, ("nina", "peter", "rasmus"))
    mod, people = story.mod, story.people
    nina, peter, rasmus = people
    story.join(("Nina", "Children's services"), ("Peter", "School"), ("Rasmus", "Police"))
    # The agreement comes first: each acknowledges it before acting; the facilitator sees who has.
    for page in story.everyone:
        expect(page.get_by_test_id("agreement-dialog")).to_be_visible(timeout=WAIT)
    assert_accessible(nina, f"the agreement dialog on a phone ({language})")
    for page in story.everyone:
        page.get_by_test_id("agreement-acknowledge").click()
        expect(page.get_by_test_id("agreement-dialog")).to_be_hidden(timeout=WAIT)
    for name in ("Nina", "Peter", "Rasmus"):
        expect(mod.get_by_test_id("agreement-console")).to_contain_text(name, timeout=WAIT)
    story.start(t.stage("preparation"))

    # The facilitator's private note, for the team manager: in the console, on no participant's page.
    story.next_stage(t.stage("agreement"))
    add_card(mod, "facilitator_note", "Police and school disagree about the last incident")
    for page in people:
        expect(page.get_by_test_id("boards")).to_be_visible(timeout=WAIT)
        expect(board(page, "facilitator_note")).to_have_count(0)
        expect(page.locator("body")).not_to_contain_text("Police and school disagree")

    # Signs of Safety, a column a stage; the facilitator tags each card a fact or an opinion.
    cards = (
        ("working_well", nina, "The children come to school every day", "fact"),
        ("worries", rasmus, "The older brother seems angry at home", "opinion"),
        ("needs_to_happen", peter, "A named teacher the children can go to", "opinion"),
    )
    for stage, page, text, tag in cards:
        story.next_stage(t.stage(stage))
        add_card(page, "signs_of_safety", text, column=t.column("signs_of_safety", stage))
        tools = open_tools(mod, text)
        tools.get_by_test_id(f"card-tag-{tag}").check()
        for other in people:
            expect(card(other, text)).to_contain_text(t.word(tag), timeout=WAIT)
    expect(card(nina, "The children come to school every day")).not_to_contain_text(t.word("opinion"))
    assert no_horizontal_scroll(nina), "the Signs of Safety board scrolls sideways at 360 px"
    assert_accessible(nina, f"Signs of Safety on a phone ({language})")
    assert_accessible(mod, f"Signs of Safety and the private note in the console ({language})")
    screenshot(mod, f"seed-learning-conversation-signs-{language}")

    # Scaling: three answers, then revealed as a spread and a median, never who said what.
    story.next_stage(t.stage("scaling"))
    for page, value in ((nina, 6), (peter, 4), (rasmus, 6)):
        page.get_by_test_id(f"scale-value-{value}").check()
        expect(page.get_by_test_id("scale-mine")).to_contain_text(str(value), timeout=WAIT)
    expect(mod.get_by_test_id("scale-answered")).to_contain_text("3", timeout=WAIT)
    mod.get_by_test_id("scale-reveal").click()
    for page in story.everyone:
        expect(page.get_by_test_id("scale-spread")).to_be_visible(timeout=WAIT)
        expect(page.get_by_test_id("scale-median")).to_contain_text("6")
        expect(page.get_by_test_id("scale-spread")).not_to_contain_text("Nina")
    assert_accessible(nina, f"the revealed scale on a phone ({language})")
    story.next_stage(t.stage("review"))
    add_card(mod, "review", "Review at the next learning conversation")
    tools = open_tools(mod, "Review at the next learning conversation")
    tools.get_by_test_id("card-owner").fill("Nina")
    tools.get_by_test_id("card-assign").click()
    for page in people:
        expect(card(page, "Review at the next learning conversation")).to_contain_text(t.word("owner", "Nina"), timeout=WAIT)
    story.next_stage(t.stage("feedback"))
    story.end(t.word("ended"))
    for page in people:
        expect(page.locator("body")).not_to_contain_text("Police and school disagree")


def test_a_custom_format_made_on_organise_runs_with_three_participants(site, new_context) -> None:  # type: ignore[no-untyped-def]
    errors: list[str] = []
    organiser = watch(new_context("en", axe=True, **DESKTOP).new_page(), "organiser", errors)
    sign_in(organiser, site)
    organiser.get_by_test_id("format-maker").locator("summary").click()
    organiser.get_by_test_id("format-source").select_option("tour_de_table")
    organiser.get_by_test_id("format-start").click()
    organiser.get_by_test_id("format-name").fill("Harvest of ideas")
    organiser.get_by_test_id("format-id").fill("harvest_of_ideas")
    organiser.get_by_test_id("stage-remove-0").click()
    organiser.get_by_test_id("add-board").click()
    organiser.get_by_test_id("board-name-0").fill("Ideas")
    organiser.get_by_test_id("board-0-column-0").fill("Try next month")
    organiser.get_by_test_id("add-column-0").click()
    organiser.get_by_test_id("board-0-column-1").fill("Later")
    organiser.get_by_test_id("add-stage").click()
    organiser.get_by_test_id("stage-name-3").fill("Harvest")
    organiser.get_by_test_id("stage-3-board-new_board_1").check()
    organiser.get_by_test_id("stage-up-3").click()
    expect(organiser.get_by_test_id("stage-name-2")).to_have_value("Harvest")
    organiser.get_by_test_id("format-save").click()
    expect(organiser.get_by_test_id("meeting-format")).to_have_value("harvest_of_ideas", timeout=WAIT)
    organiser.get_by_test_id("meeting-title-input").fill("Volunteers' harvest")
    organiser.get_by_test_id("create-meeting").click()
    expect(organiser.get_by_test_id("created")).to_contain_text("Volunteers' harvest", timeout=WAIT)
    assert_accessible(organiser, "organise: a meeting made of a custom format")
    console = organiser.get_by_test_id("console-link").input_value()
    join = organiser.get_by_test_id("join-link").input_value()

    story = open_story(new_context, console, join, "Volunteers' harvest", "en", ("ana", "ben", "carl"), errors)
    mod, people = story.mod, story.people
    ana, ben, carl = people
    story.join(("Ana", "Red Cross"), ("Ben", "Library"), ("Carl", "Sports club"))
    # The first stage is the copied format's (Tour de table's second, once its first was removed).
    mod.get_by_test_id("start-meeting").click()
    first = mod.get_by_test_id("stepper").locator("li").first.inner_text().strip()
    story.stage_is(re.sub(r"\s*now$", "", first))
    story.next_stage("Rounds")
    story.next_stage("Harvest")
    ideas = mod.locator("section.board", has=mod.get_by_role("heading", name="Ideas", exact=True))
    expect(ideas).to_be_visible(timeout=WAIT)
    ideas_id = ideas.get_attribute("data-board") or ""
    for page, text, column in (
        (ana, "Homework café on Tuesdays", "Try next month"),
        (ben, "Reading buddies", "Later"),
        (carl, "Football for girls", "Try next month"),
    ):
        add_card(page, ideas_id, text, column=column)
    for page in story.everyone:
        expect(board(page, ideas_id).locator("[data-column]").first).to_contain_text("Football for girls", timeout=WAIT)
        expect(board(page, ideas_id).locator("[data-column]").first).to_contain_text("Homework café on Tuesdays")
        expect(board(page, ideas_id).locator("[data-column]").last).to_contain_text("Reading buddies")
    assert no_horizontal_scroll(ana), "a custom format's board scrolls sideways at 360 px"
    assert_accessible(ana, "a custom format's board on a phone")
    story.next_stage("Closing")
    story.end("Ended")
