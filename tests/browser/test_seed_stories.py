"""Story tests of the seed formats in real browsers: each made on /organise by an organiser, run from its first
stage to its last by a moderator and three participants in their own browser contexts, one of them on a 360 px
phone, with axe checks at the key points; one story runs wholly in Danish."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible, join_via_page, no_horizontal_scroll, screenshot
from tests.support import ORGANISER_KEY

pytestmark = pytest.mark.browser
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
DESKTOP = {"viewport": {"width": 1366, "height": 900}}
WAIT = 20_000  # generous: the machine running these is loaded


def organise(site, new_context, format_id: str, title: str, language: str = "en") -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """The organiser signs in on /organise, picks the format and makes the meeting; returns (console, join) links."""
    organiser = new_context(language, axe=True, **DESKTOP).new_page()
    organiser.goto(f"{site.url}/organise")
    organiser.get_by_test_id("organiser-key").fill(ORGANISER_KEY)
    organiser.get_by_test_id("sign-in").click()
    picker = organiser.get_by_test_id("meeting-format")
    expect(picker.locator(f"option[value={format_id}]")).to_have_count(1, timeout=WAIT)
    picker.select_option(format_id)
    organiser.get_by_test_id("meeting-title-input").fill(title)
    organiser.get_by_test_id("meeting-language").select_option(language)
    assert_accessible(organiser, f"organise: a {format_id} about to be made")
    organiser.get_by_test_id("create-meeting").click()
    expect(organiser.get_by_test_id("created")).to_contain_text(title, timeout=WAIT)
    return organiser.get_by_test_id("console-link").input_value(), organiser.get_by_test_id("join-link").input_value()


def watch(page: Page, who: str, errors: list[str]) -> Page:
    page.on("pageerror", lambda exc: errors.append(f"{who}: {exc}"))
    page.on("dialog", lambda dialog: dialog.accept())
    return page


def board(page: Page, board_id: str):  # type: ignore[no-untyped-def]
    return page.locator(f"[data-board='{board_id}']")


def card(page: Page, text: str, board_id: str | None = None):  # type: ignore[no-untyped-def]
    # By its own text: an open card's tools list the other cards' texts (merge targets).
    return (board(page, board_id) if board_id else page).get_by_test_id("board-card").filter(has=page.locator("p.card-text", has_text=text))


def add_card(page: Page, board_id: str, text: str, column: str | None = None) -> None:
    where = board(page, board_id)
    if column:
        where.get_by_test_id("card-column-new").select_option(label=column)
    where.get_by_test_id("card-text").fill(text)
    where.get_by_test_id("card-add").click()
    expect(card(page, text, board_id)).to_be_visible(timeout=WAIT)


def open_tools(page: Page, text: str, board_id: str | None = None):  # type: ignore[no-untyped-def]
    tools = card(page, text, board_id).get_by_test_id("card-tools")
    if tools.get_attribute("open") is None:
        tools.locator("summary").click()
    return card(page, text, board_id).get_by_test_id("card-tools")


def next_stage(mod: Page, people: list[Page], name: str) -> None:
    mod.get_by_test_id("stage-next").click()
    for page in [mod, *people]:
        expect(page.get_by_test_id("stage-name")).to_have_text(name, timeout=WAIT)


def test_network_meeting_rounds_of_observations_new_actions_and_the_next_date(site, new_context) -> None:  # type: ignore[no-untyped-def]
    errors: list[str] = []
    console, join = organise(site, new_context, "network_meeting", "Network meeting: the Hassan children")
    mod = watch(new_context("en", axe=True, **DESKTOP).new_page(), "coordinator", errors)
    ida = watch(new_context("en", axe=True, **PHONE).new_page(), "ida", errors)
    omar = watch(new_context("en").new_page(), "omar", errors)
    sara = watch(new_context("en").new_page(), "sara", errors)
    people = [ida, omar, sara]
    mod.goto(console)
    expect(mod.get_by_test_id("meeting-title")).to_contain_text("Network meeting: the Hassan children", timeout=WAIT)
    join_via_page(ida, join, "Ida", "Aarhus Kommune")
    join_via_page(omar, join, "Omar", "Skjoldhøj School")
    join_via_page(sara, join, "Sara", "Health visitor")
    mod.get_by_test_id("start-meeting").click()
    for page in [mod, *people]:
        expect(page.get_by_test_id("stage-name")).to_have_text("Welcome", timeout=WAIT)
    expect(mod.get_by_test_id("stepper").locator("li")).to_have_count(5)

    next_stage(mod, people, "Actions from last time")
    # No carried actions in a first meeting (outside a series): the stage's guidance says what to do.
    expect(mod.get_by_test_id("stage-guidance-text")).to_contain_text("Go through the actions agreed at the last meeting")
    expect(board(ida, "actions")).to_be_visible()

    # Observations: a round, each party in turn, each turn's observation written on the board.
    next_stage(mod, people, "Observations since last time")
    for page, text in (
        (ida, "Amir has started at the youth club"),
        (omar, "Leila reads at her age level now"),
        (sara, "The youngest missed two check-ups"),
    ):
        mod.get_by_test_id("turn-next").click()
        expect(page.get_by_test_id("turn-yours")).to_be_visible(timeout=WAIT)
        add_card(page, "observations", text)
        for other in (mod, *people):
            expect(card(other, text)).to_be_visible(timeout=WAIT)
    assert no_horizontal_scroll(ida), "the observations round scrolls sideways at 360 px"
    assert_accessible(ida, "a network meeting's round on a phone")

    # New actions on the actions board: proposed by a participant, given an owner and a due date by the coordinator.
    next_stage(mod, people, "New actions")
    add_card(omar, "actions", "Book a check-up with the health visitor", column="Open")
    tools = open_tools(mod, "Book a check-up")
    tools.get_by_test_id("card-owner").fill("Sara, health visitor")
    tools.get_by_test_id("card-due").fill("2027-01-15")
    tools.get_by_test_id("card-assign").click()
    for page in (mod, *people):
        expect(card(page, "Book a check-up")).to_contain_text("Owner: Sara, health visitor", timeout=WAIT)
        expect(card(page, "Book a check-up")).to_contain_text("Due: 2027-01-15")
    assert_accessible(mod, "the actions board in the coordinator's console")
    screenshot(mod, "seed-network-meeting-actions")

    # The next date, recorded where participants see it, and the meeting ends.
    next_stage(mod, people, "Next meeting")
    expect(mod.get_by_test_id("prompt-set_next_date")).to_be_visible()
    mod.get_by_test_id("prompt-record_follow_ups").click()
    expect(mod.get_by_test_id("followup-text")).to_be_focused()
    mod.get_by_test_id("followup-text").fill("Next network meeting")
    mod.get_by_test_id("followup-due").fill("2027-02-05")
    mod.get_by_test_id("followup-add").click()
    for page in people:
        expect(page.get_by_test_id("followups")).to_contain_text("Next network meeting", timeout=WAIT)
        expect(page.get_by_test_id("followups")).to_contain_text("2027-02-05")
    assert_accessible(ida, "the next date on a phone")
    mod.get_by_test_id("end-meeting").click()
    for page in people:
        expect(page.get_by_test_id("meeting-status")).to_contain_text("Ended", timeout=WAIT)
    assert errors == []


def test_drop_in_session_in_danish_map_concerns_dots_and_recommendations(site, new_context) -> None:  # type: ignore[no-untyped-def]
    errors: list[str] = []
    console, join = organise(site, new_context, "drop_in_session", "Refleksionsværksted for frivillige", language="da")
    mod = watch(new_context("da", axe=True, **DESKTOP).new_page(), "host", errors)
    lene = watch(new_context("da", axe=True, **PHONE).new_page(), "lene", errors)
    karim = watch(new_context("da").new_page(), "karim", errors)
    mette = watch(new_context("da").new_page(), "mette", errors)
    people = [lene, karim, mette]
    mod.goto(console)
    expect(mod.get_by_test_id("meeting-title")).to_contain_text("Refleksionsværksted", timeout=WAIT)
    join_via_page(lene, join, "Lene", "Røde Kors")
    join_via_page(karim, join, "Karim", "Dansk Flygtningehjælp")
    join_via_page(mette, join, "Mette", "Aarhus Kommune")
    expect(lene.locator("html")).to_have_attribute("lang", "da")
    mod.get_by_test_id("start-meeting").click()
    for page in [mod, *people]:
        expect(page.get_by_test_id("stage-name")).to_have_text("Velkomst", timeout=WAIT)

    # Who does what: each organisation's services on the map, given a theme; overlaps and gaps by theme.
    next_stage(mod, people, "Hvem gør hvad")
    add_card(lene, "services", "Lektiecafé to gange om ugen", column="Tilbud vi giver")
    add_card(karim, "services", "Lektiehjælp til nyankomne børn", column="Tilbud vi giver")
    add_card(mette, "services", "Ingen tilbyder tolkning til forældremøder", column="Huller vi ser")
    for text, theme in (("Lektiecafé", "Lektier"), ("Lektiehjælp", "lektier"), ("Ingen tilbyder tolkning", "Tolkning")):
        tools = open_tools(mod, text)
        tools.get_by_test_id("card-theme").fill(theme)
        tools.get_by_test_id("card-set-theme").click()
        expect(card(lene, text)).to_contain_text(f"Tema: {theme}", timeout=WAIT)
    for page in (mod, lene):
        table = board(page, "services").get_by_test_id("board-map")
        expect(table.locator("tr[data-coverage=overlap]")).to_contain_text("Dansk Flygtningehjælp, Røde Kors", timeout=WAIT)
        expect(table.locator("tr[data-coverage=gap]")).to_contain_text("Tolkning")
        expect(table.locator("tr[data-coverage=gap]")).to_contain_text("hul: ingen tilbyder dette")
    assert no_horizontal_scroll(lene), "the map scrolls sideways at 360 px"
    assert_accessible(lene, "the drop-in map on a phone, in Danish")

    # Concerns: one written without a name.
    next_stage(mod, people, "Bekymringer")
    concerns = board(karim, "concerns")
    concerns.get_by_test_id("card-text").fill("Vi mister frivillige efter et halvt år")
    concerns.get_by_test_id("card-anonymous").check()
    concerns.get_by_test_id("card-add").click()
    for page in (mod, lene, mette):
        expect(card(page, "Vi mister frivillige")).to_contain_text("anonymt", timeout=WAIT)
        expect(card(page, "Vi mister frivillige")).not_to_contain_text("Karim")

    # Brainstorm with dot voting: three dots each, one a card, the budget shown and kept.
    next_stage(mod, people, "Brainstorm om løsninger")
    ideas = ["Fælles tolkepulje", "Mentorordning for nye frivillige", "Fælles kalender"]
    add_card(lene, "brainstorm", ideas[0])
    add_card(karim, "brainstorm", ideas[1])
    add_card(mette, "brainstorm", ideas[2])
    votes = {lene: ideas[:2], karim: ideas[:2], mette: ideas}
    for page, chosen in votes.items():
        for idea in chosen:
            expect(card(page, idea)).to_be_visible(timeout=WAIT)
            card(page, idea).get_by_test_id("card-vote").click()
            expect(card(page, idea)).to_contain_text("dine prikker: 1", timeout=WAIT)
    # Mette has spent her three dots: no dot button is left for her.
    expect(board(mette, "brainstorm").get_by_test_id("card-vote")).to_have_count(0, timeout=WAIT)
    expect(card(mod, ideas[0])).to_contain_text("3 prikker", timeout=WAIT)
    expect(card(mod, ideas[1])).to_contain_text("3 prikker")
    expect(card(mod, ideas[2])).to_contain_text("1 prikker")
    assert_accessible(lene, "dot voting on a phone, in Danish")

    # Recommendations: the top two, each with an owner.
    next_stage(mod, people, "Anbefalinger")
    for idea, owner in ((ideas[0], "Aarhus Kommune"), (ideas[1], "Røde Kors")):
        add_card(mod, "recommendations", idea)
        tools = open_tools(mod, idea, "recommendations")
        tools.get_by_test_id("card-owner").fill(owner)
        tools.get_by_test_id("card-assign").click()
        for page in people:
            expect(card(page, idea, "recommendations")).to_contain_text(f"Ansvarlig: {owner}", timeout=WAIT)
    assert_accessible(mod, "recommendations in the host's console, in Danish")
    screenshot(mod, "seed-drop-in-recommendations-da")

    next_stage(mod, people, "Hold forbindelsen")
    mod.get_by_test_id("end-meeting").click()
    for page in people:
        expect(page.get_by_test_id("meeting-status")).to_contain_text("Afsluttet", timeout=WAIT)
    assert errors == []


PLAN_SECTIONS = (
    ("improve", "How the situation can be improved", "Fatima gets help with the letters from the municipality"),
    ("initiatives", "What initiatives should be started", "A weekly walk with her neighbour"),
    ("public_partners", "Where the network and the person believe public partners can help", "The job centre explains the course offer"),
    ("network_resources", "What resources the network can provide and how", "Her cousin drives her to the language school"),
)


def test_network_group_conference_the_plan_in_four_sections_signed_by_the_network(site, new_context) -> None:  # type: ignore[no-untyped-def]
    errors: list[str] = []
    console, join = organise(site, new_context, "network_group_conference", "Network group conference: Fatima")
    mod = watch(new_context("en", axe=True, **DESKTOP).new_page(), "coordinator", errors)
    fatima = watch(new_context("en", axe=True, **PHONE).new_page(), "fatima", errors)
    hana = watch(new_context("en").new_page(), "hana", errors)
    lars = watch(new_context("en").new_page(), "lars", errors)
    people = [fatima, hana, lars]
    mod.goto(console)
    expect(mod.get_by_test_id("meeting-title")).to_contain_text("Network group conference: Fatima", timeout=WAIT)
    # Role links: the focal person and the public partner; whoever joins by the plain link is a network member.
    role_links = {}
    for i, role in enumerate(("focal_person", "public_partner")):
        mod.get_by_test_id("role-link-role").select_option(role)
        mod.get_by_test_id("role-link-make").click()
        expect(mod.get_by_test_id(f"role-link-{i}")).to_have_value(re.compile("#role="), timeout=WAIT)
        role_links[role] = mod.get_by_test_id(f"role-link-{i}").input_value()
    join_via_page(fatima, role_links["focal_person"], "Fatima")
    join_via_page(hana, join, "Hana", "Neighbour")
    join_via_page(lars, role_links["public_partner"], "Lars", "Job centre")
    mod.get_by_test_id("start-meeting").click()
    for page in [mod, *people]:
        expect(page.get_by_test_id("stage-name")).to_have_text("Preparation", timeout=WAIT)

    next_stage(mod, people, "The situation and what is on offer")
    add_card(hana, "offers", "Can the library help with the forms?", column="Questions from the network")
    expect(card(mod, "Can the library help with the forms?")).to_be_visible(timeout=WAIT)

    # The network's own time: the plan's four sections filled by the person and her network.
    next_stage(mod, people, "The network's own time")
    # The public partner is told to wait, and for whom this part is; the person and her network are not.
    expect(lars.get_by_test_id("stage-waiting")).to_contain_text("The person at the centre", timeout=WAIT)
    expect(lars.get_by_test_id("stage-waiting")).to_contain_text("Network member")
    for page in (fatima, hana, mod):
        expect(page.get_by_test_id("stage-waiting")).to_have_count(0)
    writers = (fatima, hana, hana, fatima)
    for page, (_, section, text) in zip(writers, PLAN_SECTIONS, strict=True):
        add_card(page, "plan", text, column=section)
    for column_id, _, text in PLAN_SECTIONS:
        for page in (mod, *people):
            expect(board(page, "plan").locator(f"[data-column='{column_id}']")).to_contain_text(text, timeout=WAIT)
    assert no_horizontal_scroll(fatima), "the plan scrolls sideways at 360 px"
    assert_accessible(fatima, "the plan's four sections on a phone")

    # The plan: each of them signs; the coordinator sees who has, until everyone has.
    next_stage(mod, people, "The plan")
    expect(mod.get_by_test_id("prompt-collect_sign_offs")).to_be_visible()
    expect(board(mod, "plan").get_by_test_id("plan-waiting")).to_contain_text("Fatima", timeout=WAIT)
    expect(board(mod, "plan").get_by_test_id("plan-waiting")).not_to_contain_text("Lars")
    expect(board(lars, "plan").get_by_test_id("plan-sign")).to_have_count(0)
    for page in (fatima, hana):
        board(page, "plan").get_by_test_id("plan-sign").click()
        expect(board(page, "plan")).to_contain_text("You signed the plan.", timeout=WAIT)
    signed = board(mod, "plan").get_by_test_id("plan-signed")
    for name in ("Fatima", "Hana"):
        expect(signed).to_contain_text(name, timeout=WAIT)
    expect(board(mod, "plan").get_by_test_id("plan-waiting")).to_have_count(0)
    expect(board(mod, "plan")).to_contain_text("Everyone asked has signed.")
    assert_accessible(mod, "the signed plan in the coordinator's console")
    screenshot(mod, "seed-network-group-conference-signed")

    next_stage(mod, people, "Follow-up")
    mod.get_by_test_id("end-meeting").click()
    for page in people:
        expect(page.get_by_test_id("meeting-status")).to_contain_text("Ended", timeout=WAIT)
    assert errors == []


def test_learning_conversation_signs_of_safety_tagged_and_the_private_note(site, new_context) -> None:  # type: ignore[no-untyped-def]
    errors: list[str] = []
    console, join = organise(site, new_context, "learning_conversation", "Learning conversation: the Ali family")
    mod = watch(new_context("en", axe=True, **DESKTOP).new_page(), "facilitator", errors)
    nina = watch(new_context("en", axe=True, **PHONE).new_page(), "nina", errors)
    peter = watch(new_context("en").new_page(), "peter", errors)
    rasmus = watch(new_context("en").new_page(), "rasmus", errors)
    people = [nina, peter, rasmus]
    mod.goto(console)
    expect(mod.get_by_test_id("meeting-title")).to_contain_text("Learning conversation: the Ali family", timeout=WAIT)
    join_via_page(nina, join, "Nina", "Children's services")
    join_via_page(peter, join, "Peter", "School")
    join_via_page(rasmus, join, "Rasmus", "Police")
    # The agreement comes first: each acknowledges it before acting; the facilitator sees who has.
    for page in (mod, *people):
        expect(page.get_by_test_id("agreement-dialog")).to_be_visible(timeout=WAIT)
    assert_accessible(nina, "the agreement dialog on a phone")
    for page in (mod, *people):
        page.get_by_test_id("agreement-acknowledge").click()
        expect(page.get_by_test_id("agreement-dialog")).to_be_hidden(timeout=WAIT)
    for name in ("Nina", "Peter", "Rasmus"):
        expect(mod.get_by_test_id("agreement-console")).to_contain_text(name, timeout=WAIT)
    mod.get_by_test_id("start-meeting").click()
    for page in [mod, *people]:
        expect(page.get_by_test_id("stage-name")).to_have_text("Preparation", timeout=WAIT)

    # The facilitator's private note, for the team manager: in the console, on no participant's page.
    next_stage(mod, people, "Agreement and introductions")
    add_card(mod, "facilitator_note", "Police and school disagree about the last incident")
    for page in people:
        expect(page.get_by_test_id("boards")).to_be_visible(timeout=WAIT)
        expect(board(page, "facilitator_note")).to_have_count(0)
        expect(page.locator("body")).not_to_contain_text("Police and school disagree")

    # Signs of Safety, a column a stage; the facilitator tags each card a fact or an opinion.
    cards = (
        ("What is working well", nina, "The children come to school every day", "fact"),
        ("What are we worried about", rasmus, "The older brother seems angry at home", "opinion"),
        ("What needs to happen", peter, "A named teacher the children can go to", "opinion"),
    )
    for stage, page, text, tag in cards:
        next_stage(mod, people, stage)
        add_card(page, "signs_of_safety", text, column=stage)
        tools = open_tools(mod, text)
        tools.get_by_test_id(f"card-tag-{tag}").check()
        for other in people:
            expect(card(other, text)).to_contain_text(tag, timeout=WAIT)
    expect(card(nina, "The children come to school every day")).not_to_contain_text("opinion")
    assert no_horizontal_scroll(nina), "the Signs of Safety board scrolls sideways at 360 px"
    assert_accessible(nina, "Signs of Safety on a phone")
    assert_accessible(mod, "Signs of Safety and the private note in the console")
    screenshot(mod, "seed-learning-conversation-signs")

    # Scaling: three answers, then revealed as a spread and a median, never who said what.
    next_stage(mod, people, "Scaling")
    for page, value in ((nina, 6), (peter, 4), (rasmus, 6)):
        page.get_by_test_id(f"scale-value-{value}").check()
        expect(page.get_by_test_id("scale-mine")).to_contain_text(str(value), timeout=WAIT)
    expect(mod.get_by_test_id("scale-answered")).to_contain_text("3", timeout=WAIT)
    mod.get_by_test_id("scale-reveal").click()
    for page in (mod, *people):
        expect(page.get_by_test_id("scale-spread")).to_be_visible(timeout=WAIT)
        expect(page.get_by_test_id("scale-median")).to_contain_text("6")
        expect(page.get_by_test_id("scale-spread")).not_to_contain_text("Nina")
    assert_accessible(nina, "the revealed scale on a phone")
    next_stage(mod, people, "How progress will be reviewed")
    add_card(mod, "review", "Review at the next learning conversation")
    tools = open_tools(mod, "Review at the next learning conversation")
    tools.get_by_test_id("card-owner").fill("Nina")
    tools.get_by_test_id("card-assign").click()
    for page in people:
        expect(card(page, "Review at the next learning conversation")).to_contain_text("Owner: Nina", timeout=WAIT)
    next_stage(mod, people, "Feedback")
    mod.get_by_test_id("end-meeting").click()
    for page in people:
        expect(page.get_by_test_id("meeting-status")).to_contain_text("Ended", timeout=WAIT)
        expect(page.locator("body")).not_to_contain_text("Police and school disagree")
    assert errors == []


def test_a_custom_format_made_on_organise_runs_with_three_participants(site, new_context) -> None:  # type: ignore[no-untyped-def]
    errors: list[str] = []
    organiser = watch(new_context("en", axe=True, **DESKTOP).new_page(), "organiser", errors)
    organiser.goto(f"{site.url}/organise")
    organiser.get_by_test_id("organiser-key").fill(ORGANISER_KEY)
    organiser.get_by_test_id("sign-in").click()
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

    mod = watch(new_context("en", axe=True, **DESKTOP).new_page(), "moderator", errors)
    ana = watch(new_context("en", axe=True, **PHONE).new_page(), "ana", errors)
    ben = watch(new_context("en").new_page(), "ben", errors)
    carl = watch(new_context("en").new_page(), "carl", errors)
    people = [ana, ben, carl]
    mod.goto(console)
    expect(mod.get_by_test_id("meeting-title")).to_contain_text("Volunteers' harvest", timeout=WAIT)
    join_via_page(ana, join, "Ana", "Red Cross")
    join_via_page(ben, join, "Ben", "Library")
    join_via_page(carl, join, "Carl", "Sports club")
    mod.get_by_test_id("start-meeting").click()
    first = mod.get_by_test_id("stepper").locator("li").first.inner_text().strip()
    for page in people:
        expect(page.get_by_test_id("stage-name")).to_have_text(re.sub(r"\s*now$", "", first), timeout=WAIT)
    next_stage(mod, people, "Rounds")
    next_stage(mod, people, "Harvest")
    ideas = mod.locator("section.board", has=mod.get_by_role("heading", name="Ideas", exact=True))
    expect(ideas).to_be_visible(timeout=WAIT)
    ideas_id = ideas.get_attribute("data-board") or ""
    for page, text, column in (
        (ana, "Homework café on Tuesdays", "Try next month"),
        (ben, "Reading buddies", "Later"),
        (carl, "Football for girls", "Try next month"),
    ):
        add_card(page, ideas_id, text, column=column)
    for page in (mod, *people):
        expect(board(page, ideas_id).locator("[data-column]").first).to_contain_text("Football for girls", timeout=WAIT)
        expect(board(page, ideas_id).locator("[data-column]").first).to_contain_text("Homework café on Tuesdays")
        expect(board(page, ideas_id).locator("[data-column]").last).to_contain_text("Reading buddies")
    assert no_horizontal_scroll(ana), "a custom format's board scrolls sideways at 360 px"
    assert_accessible(ana, "a custom format's board on a phone")
    next_stage(mod, people, "Closing")
    mod.get_by_test_id("end-meeting").click()
    for page in people:
        expect(page.get_by_test_id("meeting-status")).to_contain_text("Ended", timeout=WAIT)
    assert errors == []
