"""Forms by mail, on the harness's clock, received by a real SMTP server: a learning conversation ends, everyone who
gave an address gets the feedback tool's opening in their language, the one who has not answered gets one reminder
24 h later, and 8 weeks on the lead worker gets the follow-up."""

from datetime import timedelta

from app.models import Language
from tests.harness import Harness
from tests.inprocess.forms_support import answer, give_role, listed, make_learning_conversation
from tests.mail.smtp import MailServer
from tests.mail.test_outbox import give, mailer


def to(smtp: MailServer, address: str) -> list[str]:
    # A long subject is folded onto a second header line: read it back as one line.
    return [" ".join(str(m.message["Subject"]).split()) for m in smtp.messages if address in m.recipients]


async def test_the_feedback_opening_and_its_reminder_are_mailed_once_and_the_follow_up_eight_weeks_on(h: Harness, smtp: MailServer) -> None:
    meeting, people = await h.meeting("Anna", "Bo", "Cai")
    await make_learning_conversation(h, meeting)
    await give(h, people["Anna"], "anna@skolen.example.dk", Language.da)
    await give(h, people["Bo"], "bo@health.example.org", Language.en)
    await give_role(h, people["Bo"], "lead_worker")
    sender = mailer(h, smtp)
    await sender.send_due()
    personal = len(smtp.messages)  # each one's own link, sent when they gave the address
    await h.ok(meeting.moderator, "meeting.end")
    ended = h.now

    await h.tick()
    await sender.send_due()
    assert to(smtp, "anna@skolen.example.dk")[-1] == "Dine svar efterspørges: Feedbackværktøj til partnerskabets læringssamtale"
    assert to(smtp, "bo@health.example.org")[-1] == "Your answers are asked for: Partnership Learning Conversation Feedback Tool"
    opening = next(m for m in smtp.messages if "bo@health.example.org" in m.recipients and "asked for" in str(m.message["Subject"]))
    assert "Intake interviews" in opening.text and f"{(ended + timedelta(days=2)).strftime('%Y-%m-%d %H:%M')} UTC" in opening.text
    assert len(smtp.messages) == personal + 2  # Cai gave no address: nothing for Cai

    [feedback] = await listed(h, people["Anna"])
    assert await answer(h, people["Anna"], feedback["id"], {"name": "Anna", "date": "2026-03-02", "scale": 9}) == {"ok": True}
    await h.pass_until(ended + timedelta(hours=24) - timedelta(milliseconds=1))
    await sender.send_due()
    assert len(smtp.messages) == personal + 2
    await h.pass_time(0.001)
    await sender.send_due()
    # Only Bo, who has not answered, is reminded — once, however often the timer looks afterwards.
    assert to(smtp, "bo@health.example.org")[-1] == "Reminder: Partnership Learning Conversation Feedback Tool"
    for _ in range(3):
        await h.pass_time(3600)
        await sender.send_due()
    assert len(smtp.messages) == personal + 3
    assert not any(s.startswith("Påmindelse") for s in to(smtp, "anna@skolen.example.dk"))

    await h.pass_until(ended + timedelta(weeks=8))
    await sender.send_due()
    assert to(smtp, "bo@health.example.org")[-1] == "Your answers are asked for: Learning conversation: the difference 8 weeks after"
    assert len(smtp.messages) == personal + 4
