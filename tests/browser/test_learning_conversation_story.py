"""Story: a partnership learning conversation and what comes after it, in English and in Danish.

The organiser plans the conversation as a meeting of a series whose roster names the lead worker (the path on which
a person gets a role of the format). The moderator and three participants join — the lead worker through her
personal link —, the meeting runs and ends. The feedback tool opens by itself: each participant sees it on their
page and those who gave an address get a mail at a real SMTP server, in their language; two answer, and the
moderator's console shows the 0–10 distribution. Eight weeks later — the server's clock is moved, and its own timer
loop acts on the stored opening time — the lead worker gets the follow-up on her page and by mail, answers it, and
the organiser's collated results for the format show the feedback's distribution and the follow-up's answers.

The server is the real app (app.main) under uvicorn in a thread of this process, with `clock.use(...)` in force for
all of it: the timer loop wakes on real time and reads the moved clock, so the product has no hook for tests.
"""

import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import httpx
import pytest
import uvicorn
from playwright.sync_api import Page, expect

from app import clock
from app.config import Settings
from app.main import create_app
from tests.browser.conftest import assert_accessible, screenshot
from tests.mail.smtp import MailServer
from tests.support import GENEROUS_LIMITS, ORGANISER_KEY, free_port

pytestmark = pytest.mark.browser

EIGHT_WEEKS = timedelta(weeks=8)
LONG = 30_000  # ms: a loaded 2-core machine runs a browser per person and the server beside them


@dataclass
class MovableClock:
    """The wall clock plus an offset the test moves forward: time keeps running, and jumps when told."""

    offset: timedelta = timedelta(0)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def now(self) -> datetime:
        with self.lock:
            return clock.wall() + self.offset

    def advance(self, delta: timedelta) -> None:
        with self.lock:
            self.offset += delta


@dataclass
class ThreadServer:
    url: str
    clock: MovableClock


@pytest.fixture(autouse=True)
def patient_expect() -> Iterator[None]:
    """Assertions wait as long as the slowest step on a loaded machine may take; other tests keep the default."""
    expect.set_options(timeout=LONG)
    yield
    expect.set_options(timeout=5_000)


@pytest.fixture
def smtp() -> Iterator[MailServer]:
    server = MailServer().start()
    yield server
    server.stop()


@pytest.fixture
def clocked_site(built_frontend: Path, tmp_path: Path, smtp: MailServer) -> Iterator[ThreadServer]:
    """app.main's app with its timers under uvicorn on 127.0.0.1, reading the time from a clock the test moves."""
    port = free_port()
    limits = {name.removeprefix("ROUNDTABLE_").lower(): value for name, value in GENEROUS_LIMITS.items()}
    settings = Settings(
        data_dir=tmp_path / "clocked-site", host="127.0.0.1", port=port, organiser_key=ORGANISER_KEY, timer_interval_seconds=0.1,
        smtp_url=smtp.url, mail_from="Roundtable <noreply@roundtable.test>", **limits,  # type: ignore[arg-type]
    )
    moved = MovableClock()
    with clock.use(moved.now):
        server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
        thread = threading.Thread(target=server.run, name="roundtable-server", daemon=True)
        thread.start()
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120
        while True:
            assert thread.is_alive(), "the server stopped while starting"
            try:
                if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.1)
        try:
            yield ThreadServer(url, moved)
        finally:
            server.should_exit = True
            thread.join(timeout=30)
            assert not thread.is_alive(), "the server did not stop"


def subjects(smtp: MailServer, address: str) -> list[str]:
    return [" ".join(str(m.message["Subject"]).split()) for m in smtp.messages if address in m.recipients]


def wait_for_mail(smtp: MailServer, address: str, subject: str, within: float = 90) -> None:
    deadline = time.monotonic() + within
    while subject not in subjects(smtp, address):
        assert time.monotonic() < deadline, f"no mail {subject!r} to {address}: {subjects(smtp, address)}"
        time.sleep(0.1)


def acknowledge(page: Page) -> None:
    # The learning conversation's agreement comes first, for everyone (the facilitator too).
    expect(page.get_by_test_id("agreement-dialog")).to_be_visible(timeout=LONG)
    page.get_by_test_id("agreement-acknowledge").click()
    expect(page.get_by_test_id("agreement-dialog")).to_be_hidden(timeout=LONG)


def join(page: Page, url: str, name: str, organisation: str, email: str = "") -> None:
    page.goto(url)
    page.get_by_test_id("join-name").fill(name)
    page.get_by_test_id("join-organisation").fill(organisation)
    if email:
        page.get_by_test_id("join-email").fill(email)
    page.get_by_test_id("join-submit").click()
    page.wait_for_url("**/meeting/*", timeout=LONG)
    page.get_by_test_id("meeting-title").wait_for(timeout=LONG)


WORDS = {
    "en": {
        "feedback": "Partnership Learning Conversation Feedback Tool",
        "opened": "Your answers are asked for: Partnership Learning Conversation Feedback Tool",
        "follow_up": "Learning conversation: the difference 8 weeks after",
        "follow_up_mail": "Your answers are asked for: Learning conversation: the difference 8 weeks after",
        "you": "What difference has the learning conversation made to YOU?",
        "for_child": "What overall difference has the learning conversation made for the child or person?",
        "for_me": "What overall difference has it made for you?",
        "ended": "Ended",
        "answered": "Answered — thank you.",
    },
    "da": {
        "feedback": "Feedbackværktøj til partnerskabets læringssamtale",
        "opened": "Dine svar efterspørges: Feedbackværktøj til partnerskabets læringssamtale",
        "follow_up": "Læringssamtalen: forskellen 8 uger efter",
        "follow_up_mail": "Dine svar efterspørges: Læringssamtalen: forskellen 8 uger efter",
        "you": "Hvilken forskel har læringssamtalen gjort for DIG?",
        "for_child": "Hvilken samlet forskel har læringssamtalen gjort for barnet eller personen?",
        "for_me": "Hvilken samlet forskel har den gjort for dig?",
        "ended": "Afsluttet",
        "answered": "Besvaret — tak.",
    },
}


@pytest.mark.parametrize("language", ["en", "da"])
def test_a_learning_conversation_asks_for_feedback_at_its_end_and_the_lead_worker_for_the_follow_up_eight_weeks_on(
    clocked_site: ThreadServer, smtp: MailServer, new_context, language: str  # type: ignore[no-untyped-def]
) -> None:
    site, words, da = clocked_site, WORDS[language], WORDS["da"]
    organiser = {"Authorization": f"Bearer {ORGANISER_KEY}"}
    lead_address = f"lis+{language}@kommune.example.dk"
    errors: list[str] = []

    def watch(page: Page, who: str) -> Page:
        page.set_default_timeout(LONG)
        page.on("pageerror", lambda exc: errors.append(f"{who}: {exc}"))
        return page

    # The organiser plans the conversation (through the API: the organise page's series flow has its own story,
    # tests/browser/test_series_story.py): the roster names the lead worker, kept 90 days so the follow-up finds it.
    tomorrow = (clock.now() + timedelta(days=1)).strftime("%Y-%m-%dT10:00")
    series = httpx.post(f"{site.url}/api/v1/series", headers=organiser, timeout=30, json={
        "name": "Learning conversation about M.", "format": "learning_conversation", "language": language,
        "coordinator_name": "Kim", "coordinator_email": "kim@kommune.example.dk", "time_zone": "Europe/Copenhagen",
        "rule": "FREQ=WEEKLY;COUNT=1", "start": tomorrow,
        "roster": [{"name": "Familieafdelingen", "contacts": [{"name": "Lis", "email": lead_address, "language": language, "role": "lead_worker"}]}],
    })
    assert series.status_code == 201, series.text
    made = httpx.post(f"{site.url}/api/v1/series/{series.json()['id']}/meetings", headers=organiser, timeout=30,
                      json={"moderator_name": "Kim", "retention_days": 90, "invite": True})
    assert made.status_code == 201, made.text
    meeting = made.json()
    deadline = time.monotonic() + 90
    while not subjects(smtp, lead_address):
        assert time.monotonic() < deadline, "the lead worker's invitation did not arrive"
        time.sleep(0.1)
    [invitation] = [m for m in smtp.messages if lead_address in m.recipients]
    link = re.search(r"https?://127\.0\.0\.1:\d+/\S+", invitation.text)
    assert link is not None, invitation.text

    mod = watch(new_context(language=language).new_page(), "moderator")
    mod.on("dialog", lambda dialog: dialog.accept())
    mod.goto(meeting["links"]["console"])
    lis = watch(new_context(language=language, axe=True).new_page(), "Lis")
    lis.goto(link.group(0))
    expect(lis.get_by_test_id("join-organisation")).to_have_value("Familieafdelingen")
    lis.get_by_test_id("join-submit").click()
    lis.wait_for_url("**/meeting/*", timeout=LONG)
    acknowledge(lis)
    # A personal link asks for no address at joining; she gives it on her meeting page, for this meeting's mails.
    # (The panel shows what the server holds once it has asked; typing before that would be overwritten.)
    expect(lis.get_by_test_id("my-email-status")).to_have_text(re.compile(r"\S"))
    lis.get_by_test_id("my-email-input").fill(lead_address)
    lis.get_by_test_id("my-email-save").click()
    expect(lis.get_by_test_id("my-email-status")).to_contain_text(lead_address)
    anna = watch(new_context(language="da", axe=True).new_page(), "Anna")
    anna_address = f"anna+{language}@skolen.example.dk"
    join(anna, meeting["links"]["join"], "Anna", "Skolen", anna_address)
    bo = watch(new_context(language=language).new_page(), "Bo")
    join(bo, meeting["links"]["join"], "Bo", "Sundhedsplejen")
    for page in (anna, bo, mod):
        acknowledge(page)

    # The meeting runs and ends.
    mod.get_by_test_id("start-meeting").click()
    mod.get_by_test_id("end-meeting").click()
    expect(mod.get_by_test_id("meeting-status")).to_contain_text(words["ended"], timeout=LONG)

    # The feedback tool opens by itself: on every participant's page, and by mail to those who gave an address.
    for page, title in ((lis, words["feedback"]), (anna, da["feedback"]), (bo, words["feedback"])):
        page.reload()
        expect(page.get_by_test_id("form-card").filter(has_text=title)).to_be_visible(timeout=LONG)
    wait_for_mail(smtp, lead_address, words["opened"])
    wait_for_mail(smtp, anna_address, da["opened"])
    assert_accessible(anna, "the feedback tool on a participant's page (Danish)")

    # Two answer within the window: Anna in Danish, Lis in the meeting's language.
    card = anna.get_by_test_id("form-card").filter(has_text=da["feedback"])
    card.locator('input[name="scale"][value="8"]').check()
    card.get_by_label(da["you"]).fill("Jeg <b>lytter</b> mere til skolen.")
    card.get_by_test_id("form-submit").click()
    expect(card.get_by_test_id("form-answered")).to_have_text(da["answered"])
    card = lis.get_by_test_id("form-card").filter(has_text=words["feedback"])
    card.locator('input[name="scale"][value="6"]').check()
    card.get_by_label(words["you"]).fill("I plan the next meeting with the family.")
    card.get_by_test_id("form-submit").click()
    expect(card.get_by_test_id("form-answered")).to_have_text(words["answered"])
    # The follow-up is not the lead worker's yet.
    expect(lis.get_by_test_id("form-card").filter(has_text=words["follow_up"])).to_have_count(0)

    # The moderator sees the distribution.
    mod.reload()
    mod.locator(".form-row", has_text=words["feedback"]).get_by_test_id("show-results").click()
    chart = mod.get_by_test_id("distribution-chart")
    expect(chart.locator('[data-point="8"]')).to_have_attribute("data-count", "1")
    expect(chart.locator('[data-point="6"]')).to_have_attribute("data-count", "1")
    expect(chart.locator('[data-point="7"]')).to_have_attribute("data-count", "0")
    screenshot(mod, f"learning-{language}-01-distribution")

    # Eight weeks on, the server's own timer opens the follow-up: on the lead worker's page and by mail, to her alone.
    site.clock.advance(EIGHT_WEEKS + timedelta(minutes=1))
    wait_for_mail(smtp, lead_address, words["follow_up_mail"])
    assert not any(words["follow_up"] in s or da["follow_up"] in s for s in subjects(smtp, anna_address))
    lis.reload()
    card = lis.get_by_test_id("form-card").filter(has_text=words["follow_up"])
    expect(card).to_be_visible(timeout=LONG)
    assert_accessible(lis, f"the 8-week follow-up on the lead worker's page ({language})")
    card.get_by_label(words["for_child"]).fill("M. goes to school <i>every</i> day now.")
    card.get_by_label(words["for_me"]).fill("I call the school before I call the family.")
    card.get_by_test_id("form-submit").click()
    expect(card.get_by_test_id("form-answered")).to_have_text(words["answered"])
    bo.reload()
    expect(bo.get_by_test_id("form-card").filter(has_text=words["follow_up"])).to_have_count(0)

    # The organiser's collated results for the format: the feedback's distribution and the follow-up's answers.
    page = watch(new_context(language=language, axe=True).new_page(), "organiser")
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{site.url}/organise")
    page.get_by_test_id("organiser-key").fill(ORGANISER_KEY)
    page.get_by_test_id("sign-in").click()
    page.get_by_test_id("results-format").fill("learning_conversation")
    page.get_by_test_id("results-form").locator("button[type=submit]").click()
    feedback = page.locator('[data-template="learning_feedback"]')
    collated = feedback.get_by_test_id("distribution-chart")
    expect(collated.locator('[data-point="8"]')).to_have_attribute("data-count", "1", timeout=LONG)
    expect(collated.locator('[data-point="6"]')).to_have_attribute("data-count", "1")
    expect(feedback).to_contain_text("Jeg <b>lytter</b> mere til skolen.")
    follow_up = page.locator('[data-template="learning_follow_up"]')
    expect(follow_up).to_contain_text("M. goes to school <i>every</i> day now.")
    expect(follow_up).to_contain_text("I call the school before I call the family.")
    assert page.get_by_test_id("collated").locator("b, i").count() == 0
    assert_accessible(page, f"the organiser's collated results ({language})")
    screenshot(page, f"learning-{language}-02-collated")
    assert dialogs == [] and errors == []
