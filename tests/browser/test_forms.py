"""After the meeting: the moderator puts the learning conversation's feedback tool out, ends the meeting, and the
participants answer it from their meeting pages — one in Danish, one on a 360-pixel phone with the keyboard —;
the opening and the reminder arrive by mail at a real SMTP server; the moderator sees the 0–10 distribution as a chart."""

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible, create_meeting, join_via_page, no_horizontal_scroll, screenshot
from tests.mail.smtp import MailServer
from tests.support import ServerProcess

pytestmark = pytest.mark.browser


@pytest.fixture
def smtp() -> Iterator[MailServer]:
    server = MailServer().start()
    yield server
    server.stop()


@pytest.fixture
def mailing_site(built_frontend: Path, tmp_path: Path, smtp: MailServer) -> Iterator[ServerProcess]:
    process = ServerProcess(tmp_path / "forms-site", env={"ROUNDTABLE_SMTP_URL": smtp.url, "ROUNDTABLE_MAIL_FROM": "Roundtable <noreply@roundtable.test>"})
    process.start(timeout=120)
    yield process
    process.stop()


def subjects(smtp: MailServer, address: str) -> list[str]:
    return [" ".join(str(m.message["Subject"]).split()) for m in smtp.messages if address in m.recipients]


def wait_for_mail(smtp: MailServer, address: str, subject: str, within: float = 60) -> None:
    deadline = time.monotonic() + within
    while subject not in subjects(smtp, address):
        assert time.monotonic() < deadline, f"no mail {subject!r} to {address}: {subjects(smtp, address)}"
        time.sleep(0.1)


def join_with_address(page: Page, join_url: str, name: str, organisation: str, email: str) -> None:
    page.goto(join_url)
    page.get_by_test_id("join-name").fill(name)
    page.get_by_test_id("join-organisation").fill(organisation)
    page.get_by_test_id("join-email").fill(email)
    page.get_by_test_id("join-submit").click()
    page.wait_for_url("**/meeting/*")
    page.get_by_test_id("meeting-title").wait_for()


def test_participants_answer_the_feedback_tool_after_the_end_and_the_moderator_sees_the_distribution(mailing_site, smtp, new_context):
    site = mailing_site
    meeting = create_meeting(site.url, title="Learning conversation: the school and the family", format="open")
    errors: list[str] = []
    mod = new_context().new_page()
    mod.on("dialog", lambda dialog: dialog.accept())
    mod.goto(meeting["links"]["console"])
    anna = new_context(language="da").new_page()
    bo = new_context(axe=True, viewport={"width": 360, "height": 740}, has_touch=True).new_page()
    join_with_address(anna, meeting["links"]["join"], "Anna", "Skolen", "anna@skolen.example.dk")
    join_with_address(bo, meeting["links"]["join"], "Bo", "Health visiting", "bo@health.example.org")
    cai = new_context(language="ar", axe=True).new_page()
    join_via_page(cai, meeting["links"]["join"], "Cai", "Refugee council")
    for who, page in {"moderator": mod, "Anna": anna, "Bo": bo, "Cai": cai}.items():
        page.on("pageerror", lambda exc, who=who: errors.append(f"{who}: {exc}"))

    mod.get_by_test_id("start-meeting").click()
    mod.get_by_test_id("form-template").select_option("learning_feedback")
    mod.get_by_role("button", name="Create and open now").click()
    expect(mod.get_by_test_id("console-forms")).to_contain_text("Partnership Learning Conversation Feedback Tool")
    # The opening arrives by mail, in each person's language.
    wait_for_mail(smtp, "anna@skolen.example.dk", "Dine svar efterspørges: Feedbackværktøj til partnerskabets læringssamtale")
    wait_for_mail(smtp, "bo@health.example.org", "Your answers are asked for: Partnership Learning Conversation Feedback Tool")
    # A draft from another template, its copy edited (the template stays as it was); participants do not see drafts.
    mod.get_by_test_id("form-template").select_option("pne_consultation_before")
    mod.get_by_test_id("form-draft").click()
    draft = mod.locator(".form-row", has_text="Before the session: topics and questions")
    draft.get_by_text("Edit the questions").click()
    draft.get_by_test_id("edit-title").fill("Before the next conversation")
    draft.get_by_label("Question 1").fill("What should we <i>look at</i> next time?")
    draft.get_by_role("button", name="Save").click()
    expect(mod.get_by_test_id("console-forms")).to_contain_text("Before the next conversation")
    mod.get_by_test_id("end-meeting").click()
    expect(mod.get_by_test_id("meeting-status")).to_contain_text("Ended")

    # Bo on a phone, with the keyboard only: the same form in English.
    bo.reload()
    card = bo.get_by_test_id("form-card")
    expect(card).to_contain_text(
        "10 = The learning conversation was useful, slowed down my thinking and achieved the agreed aim of the conversation"
    )
    expect(card).to_contain_text("0 = The conversation has not facilitated any change or shift in my thoughts about the situation")
    assert no_horizontal_scroll(bo)
    assert_accessible(bo, "the feedback tool on a phone")
    screenshot(bo, "forms-feedback-phone")
    scale = card.locator('input[name="scale"][value="5"]')
    scale.focus()
    bo.keyboard.press("ArrowRight")  # radios move with the arrow keys: 6
    expect(card.locator('input[name="scale"][value="6"]')).to_be_checked()
    card.get_by_label("What else could have been useful to help you to move up the scale closer to a 10?").fill("A shorter first round.")
    card.get_by_test_id("form-submit").focus()
    bo.keyboard.press("Enter")
    expect(card.get_by_test_id("form-answered")).to_be_visible()

    # The reminder, brought forward by the moderator, reaches only Anna, who has not answered yet.
    forms = httpx.get(f"{site.url}/api/v1/meetings/{meeting['id']}/forms", headers={"Authorization": f"Bearer {meeting['moderator_token']}"}).json()
    feedback = next(f for f in forms if f["template"] == "learning_feedback")
    soon = (datetime.now(UTC) + timedelta(seconds=1)).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    moved = httpx.patch(f"{site.url}/api/v1/meetings/{meeting['id']}/forms/{feedback['id']}", json={"reminder_at": soon},
                        headers={"Authorization": f"Bearer {meeting['moderator_token']}"})
    assert moved.status_code == 200, moved.text
    wait_for_mail(smtp, "anna@skolen.example.dk", "Påmindelse: Feedbackværktøj til partnerskabets læringssamtale")
    assert not any(s.startswith("Reminder") for s in subjects(smtp, "bo@health.example.org"))

    # Anna opens her meeting page after the end: the form is there, in Danish, with the seed's anchors.
    anna.reload()
    card = anna.get_by_test_id("form-card")
    expect(card).to_contain_text("Feedbackværktøj til partnerskabets læringssamtale")
    expect(card).to_contain_text("10 = Læringssamtalen var nyttig")
    expect(card.get_by_label("Dit navn")).to_have_value("Anna")
    card.locator('input[name="scale"][value="8"]').check()
    card.get_by_label("Hvilken forskel har læringssamtalen gjort for DIG?").fill("Jeg <b>lytter</b> mere til skolen.")
    card.get_by_test_id("form-submit").click()
    expect(card.get_by_test_id("form-answered")).to_have_text("Besvaret — tak.")

    # Cai reads it in Arabic, right to left.
    cai.reload()
    card = cai.get_by_test_id("form-card")
    expect(card).to_contain_text("أداة التقييم لمحادثة التعلم التشاركية")
    expect(card).to_contain_text("10 = كانت محادثة التعلم مفيدة")
    assert cai.evaluate("document.documentElement.dir") == "rtl"
    assert_accessible(cai, "the feedback tool in Arabic")
    screenshot(cai, "forms-feedback-arabic")

    # The moderator's results: the distribution as a chart, the texts as text.
    mod.locator(".form-row", has_text="Partnership Learning Conversation Feedback Tool").get_by_test_id("show-results").click()
    chart = mod.get_by_test_id("distribution-chart")
    expect(chart).to_be_visible()
    expect(chart.locator('[data-point="8"]')).to_have_attribute("data-count", "1")
    expect(chart.locator('[data-point="6"]')).to_have_attribute("data-count", "1")
    expect(chart.locator('[data-point="7"]')).to_have_attribute("data-count", "0")
    expect(mod.get_by_test_id("median")).to_have_text("Median 7")
    results = mod.get_by_test_id("form-results")
    expect(results).to_contain_text("Jeg <b>lytter</b> mere til skolen. — Anna")
    assert results.locator("b").count() == 0
    screenshot(mod, "forms-results-console")
    assert errors == []
