"""Issue 12's story in the browser, in English and in Danish: a coordinator makes a fortnightly network-meeting
series with a roster of five authorities on /organise#series, invites them (a real SMTP server on 127.0.0.1
receives the mails with valid .ics files), runs the first meeting where two authorities are missing and shown as
missing, records actions, makes the second meeting, and there the open actions come back to review."""

import re
import time
from collections.abc import Iterator

import pytest
from icalendar import Calendar
from playwright.sync_api import Page, expect

from app.formats import catalogue
from tests.browser.conftest import assert_accessible, no_horizontal_scroll, screenshot
from tests.mail.smtp import MailServer, Received
from tests.support import ORGANISER_KEY, ServerProcess

pytestmark = pytest.mark.browser

AUTHORITIES = [
    ("Kolding Kommune", "municipality", "Anna Holm", "anna@kolding.example"),
    ("Skolen ved Søen", "school", "Bo Lund", "bo@skole.example"),
    ("Sundhedsplejen", "health", "Cai Berg", "cai@sund.example"),
    ("Politi / SSP", "police_ssp", "Dina Vest", "dina@politi.example"),
    ("Forældre", "parents", "Eman Saleh", "eman@home.example"),
]
# The seed's format when it is there; the story itself needs only a format every meeting can run.
FORMAT = "network_meeting" if "network_meeting" in catalogue.builtin() else "open"

TEXTS = {
    "en": {"missing": "missing", "present": "present", "carried": "Carried over from last time", "still_open": "Still open", "done": "Done"},
    "da": {"missing": "mangler", "present": "til stede", "carried": "Overført fra sidst", "still_open": "Stadig åben", "done": "Udført"},
    "ar": {"missing": "غائب", "present": "حاضر", "carried": "مُرحَّل من المرة السابقة", "still_open": "ما زال مفتوحًا", "done": "منجز"},
}


@pytest.fixture(scope="module")
def smtp() -> Iterator[MailServer]:
    server = MailServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def mail_site(built_frontend, smtp: MailServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:  # type: ignore[no-untyped-def]
    process = ServerProcess(tmp_path_factory.mktemp("series-story"), env={"ROUNDTABLE_SMTP_URL": smtp.url}).start(timeout=90)
    yield process
    process.stop()


def wait_mails(smtp: MailServer, address: str, count: int, within: float = 30) -> list[Received]:
    """The mail server runs in its own thread; the outbox sends on its own schedule."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        found = [m for m in smtp.messages if address in m.recipients]
        if len(found) >= count:
            return found
        time.sleep(0.05)
    raise AssertionError(f"{address}: fewer than {count} mails")


def calendar_event(message: Received):  # type: ignore[no-untyped-def]
    [part] = [p for p in message.message.iter_attachments() if p.get_content_type() == "text/calendar"]
    content = part.get_content()
    [event] = [c for c in Calendar.from_ical(content if isinstance(content, str) else content.decode()).walk() if c.name == "VEVENT"]
    return event


def fill_roster_row(page: Page, index: int, name: str, kind: str, person: str, email: str, required: bool = True) -> None:
    row = page.locator(".roster-row").nth(index)
    row.get_by_test_id("roster-name").fill(name)
    row.get_by_test_id("roster-kind").select_option(kind)
    if not required:
        row.get_by_test_id("roster-required").uncheck()
    row.get_by_test_id("roster-contact").fill(person)
    row.get_by_test_id("roster-email").fill(email)


# English and Danish as the issue asks, and Arabic for the pages written right to left.
@pytest.mark.parametrize("language", ["en", "da", "ar"])
def test_a_coordinators_fortnightly_series_from_invitation_to_the_second_meeting(mail_site, smtp, new_context, language: str) -> None:  # type: ignore[no-untyped-def]
    words = TEXTS[language]
    errors: list[str] = []

    def watch(page: Page, who: str) -> Page:
        page.on("pageerror", lambda exc: errors.append(f"{who}: {exc}"))
        page.on("console", lambda m: errors.append(f"{who}: {m.text}") if "Content Security Policy" in m.text else None)
        page.on("dialog", lambda dialog: dialog.accept())
        return page

    # The coordinator makes the series on the organiser's page: every second Tuesday at 14:00, five authorities.
    organiser = watch(new_context(language=language, axe=True).new_page(), "organiser")
    organiser.goto(f"{mail_site.url}/organise#series")
    organiser.get_by_test_id("organiser-key").fill(ORGANISER_KEY)
    name = f"Netværksmøde Kolding ({language})"
    organiser.get_by_test_id("series-name").fill(name)
    organiser.get_by_test_id("series-format").select_option(FORMAT)
    organiser.get_by_test_id("series-language").select_option(language)
    organiser.get_by_test_id("series-coordinator").fill("Nanna Kold")
    organiser.get_by_test_id("series-coordinator-email").fill("nk@dignity.example")
    organiser.get_by_test_id("series-zone").select_option("Europe/Copenhagen")
    organiser.get_by_test_id("series-start").fill("2027-03-16T14:00")
    organiser.get_by_test_id("series-every").select_option("2")
    for index, (org, kind, person, email) in enumerate(AUTHORITIES):
        if index:
            organiser.get_by_test_id("roster-add").click()
        fill_roster_row(organiser, index, org, kind, person, email.replace("@", f"+{language}@"), required=kind != "parents")
    organiser.get_by_test_id("series-create").click()
    card = organiser.get_by_test_id("series-card").filter(has_text=name)
    expect(card).to_be_visible()
    # The coming dates at 14:00 local, before and after the change to summer time on 28 March.
    expect(card.get_by_test_id("series-upcoming").locator("li").first).to_have_text("2027-03-16 14:00")
    expect(card.get_by_test_id("series-upcoming").locator("li").nth(1)).to_have_text("2027-03-30 14:00")
    assert_accessible(organiser, f"the series page ({language})")

    # The first meeting, everyone invited with one action.
    card.get_by_test_id("series-next").click()
    expect(card.get_by_test_id("series-made")).to_be_visible()
    console_link = card.get_by_test_id("console-link").input_value()
    expect(card.get_by_test_id("invitation-row")).to_have_count(5)
    screenshot(organiser, f"series-{language}-01-invited")
    assert_accessible(organiser, f"the invitations ({language})")
    links = {}
    for org, _, person, email in AUTHORITIES:
        address = email.replace("@", f"+{language}@")
        [mail] = wait_mails(smtp, address, 1)
        event = calendar_event(mail)
        start = event.decoded("DTSTART")
        assert (start.hour, str(start.tzinfo)) == (14, "Europe/Copenhagen") and "INTERVAL=2" in event["RRULE"].to_ical().decode()
        links[org] = str(event["URL"])
        assert links[org] in mail.text

    # Three authorities come through their personal links; police/SSP and the parents do not.
    people = []
    for org in ("Kolding Kommune", "Skolen ved Søen", "Sundhedsplejen"):
        page = watch(new_context(language=language, axe=True).new_page(), org)
        page.goto(links[org])
        expect(page.get_by_test_id("invitation")).to_be_visible()
        assert "invitation=" not in page.url
        page.get_by_test_id("invitation-yes").click()
        expect(page.get_by_test_id("invitation-yes")).to_have_attribute("aria-pressed", "true")
        expect(page.get_by_test_id("join-organisation")).to_have_value(org)
        page.get_by_test_id("join-submit").click()
        page.wait_for_url("**/meeting/*")
        page.get_by_test_id("meeting-title").wait_for()
        people.append(page)

    mod = watch(new_context(language=language, axe=True).new_page(), "coordinator")
    mod.goto(console_link)
    roster = mod.get_by_test_id("roster")
    expect(roster.locator("[data-present=true]")).to_have_count(3)
    expect(roster.locator("[data-present=false]")).to_have_count(2)
    expect(roster.locator("[data-present=false]").first).to_contain_text("Politi / SSP")
    expect(roster.locator("[data-present=false]").first).to_contain_text(words["missing"])
    expect(mod.get_by_test_id("roster-count")).to_contain_text("3")
    mod.get_by_test_id("start-meeting").click()
    screenshot(mod, f"series-{language}-02-roster")
    assert_accessible(mod, f"the console with the roster ({language})")

    # Actions agreed: what, who, by when.
    for text, owner in (("Skolen kontakter familien", "Skolen ved Søen"), ("Book an interpreter", "Kolding Kommune")):
        mod.get_by_test_id("followup-text").fill(text)
        mod.get_by_test_id("followup-owner").fill(owner)
        mod.get_by_test_id("followup-due").fill("2027-03-29")
        mod.get_by_test_id("followup-add").click()
        expect(mod.get_by_test_id("followups")).to_contain_text(text)
    # Participants see them, with who and by when.
    expect(people[0].get_by_test_id("followups")).to_contain_text("Book an interpreter")
    expect(people[0].get_by_test_id("followups")).to_contain_text("2027-03-29")
    assert_accessible(people[0], f"the participant page with follow-up items ({language})")
    people[0].set_viewport_size({"width": 360, "height": 740})
    assert no_horizontal_scroll(people[0])
    if language == "ar":
        assert people[0].evaluate("document.documentElement.dir") == "rtl"
    mod.get_by_test_id("end-meeting").click()

    # The second meeting from the series page: the open actions come back for review.
    card.get_by_test_id("series-next").click()
    expect(card.get_by_test_id("series-made")).to_contain_text("2027-03-30 14:00")
    second_console = card.get_by_test_id("console-link").input_value()
    mod.goto(second_console)
    carried = mod.get_by_test_id("carried")
    expect(carried.get_by_test_id("carried-item")).to_have_count(2)
    expect(mod.locator("[data-panel=carried] h2")).to_have_text(words["carried"])
    first_item = carried.get_by_test_id("carried-item").filter(has_text="Skolen kontakter familien")
    first_item.get_by_test_id("review-done").click()
    expect(first_item.get_by_test_id("review-done")).to_have_attribute("aria-pressed", "true")
    second_item = carried.get_by_test_id("carried-item").filter(has_text="Book an interpreter")
    second_item.get_by_test_id("review-still_open").focus()
    mod.keyboard.press("Enter")
    expect(second_item.get_by_test_id("review-still_open")).to_have_attribute("aria-pressed", "true")
    screenshot(mod, f"series-{language}-03-review")
    assert_accessible(mod, f"the review of carried actions ({language})")

    # On a phone the console still fits: 360 pixels wide, no sideways scrolling.
    mod.set_viewport_size({"width": 360, "height": 740})
    assert no_horizontal_scroll(mod)
    assert errors == []
    assert re.search(r"#token=", second_console)
