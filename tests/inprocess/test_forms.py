"""Forms over time: a learning conversation ends, its feedback tool opens for everyone with a 2-day window and one
reminder, closes at its deadline; 8 weeks on the lead worker's follow-up opens. Bad answers change nothing."""

from datetime import timedelta

from sqlalchemy import func
from sqlmodel import select

from app.db import UnitOfWork
from app.models import FormAnswer, FormPendingAnswer, FormRespondent
from tests.harness import Harness
from tests.inprocess.forms_support import answer, create, form_row, give_role, listed, make_learning_conversation

FEEDBACK = {
    "name": "Anna",
    "date": "2026-03-02",
    "scale": 7,
    "ack_scale": "We slowed down and listened to the school.",
    "possibility": "More time with the health visitor.",
}


async def test_a_learning_conversation_ends_and_everyone_is_asked_for_feedback_within_two_days(h: Harness) -> None:
    meeting, people = await h.meeting("Anna", "Bo")
    await make_learning_conversation(h, meeting)
    await h.pass_time(3600)
    ended = h.now
    await h.ok(meeting.moderator, "meeting.end")

    [feedback] = await listed(h, people["Anna"])
    assert feedback["template"] == "learning_feedback"
    assert feedback["state"] == "open" and feedback["for_me"] and not feedback["answered"]
    assert feedback["deadline"] == (ended + timedelta(days=2)).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    # The seed's feedback tool, word for word, prefilled with the person's name and the date.
    questions = {q["id"]: q for q in feedback["definition"]["questions"]}
    assert list(questions) == ["name", "date", "scale", "ack_scale", "ack_learning", "ack_you", "ack_child", "possibility"]
    assert questions["scale"]["high"]["en"] == (
        "The learning conversation was useful, slowed down my thinking and achieved the agreed aim of the conversation"
    )
    assert questions["scale"]["low"]["en"] == "The conversation has not facilitated any change or shift in my thoughts about the situation"
    assert questions["ack_you"]["text"]["en"] == "What difference has the learning conversation made to YOU?"
    assert questions["possibility"]["text"]["en"] == "What else could have been useful to help you to move up the scale closer to a 10?"
    assert feedback["prefill"] == {"name": "Anna", "date": "2026-03-02"}
    # The moderator sees both forms: the feedback and the follow-up, scheduled 8 weeks on.
    mine = {f["template"]: f for f in await listed(h, meeting.moderator)}
    assert mine["learning_follow_up"]["state"] == "scheduled"
    assert mine["learning_follow_up"]["opens_at"].startswith((ended + timedelta(weeks=8)).date().isoformat())

    # The timer announces the opening once; the reminder comes 24 h before the deadline, once.
    await h.tick()
    row = await form_row(h, feedback["id"])
    assert row.opened_notified_at == ended and row.reminded_at is None
    assert await answer(h, people["Anna"], feedback["id"], FEEDBACK) == {"ok": True}
    await h.pass_until(ended + timedelta(hours=24) - timedelta(milliseconds=1))
    assert (await form_row(h, feedback["id"])).reminded_at is None
    await h.pass_time(0.001)
    reminded = (await form_row(h, feedback["id"])).reminded_at
    assert reminded == ended + timedelta(hours=24)
    await h.pass_time(3600)
    assert (await form_row(h, feedback["id"])).reminded_at == reminded

    # The deadline closes it: Bo is too late, and nothing of his is kept.
    await h.pass_until(ended + timedelta(days=2))
    row = await form_row(h, feedback["id"])
    assert row.closed_at == ended + timedelta(days=2)
    late = await answer(h, people["Bo"], feedback["id"], {**FEEDBACK, "name": "Bo"})
    assert late["error"]["code"] == "form_closed"
    assert await respondents(h, feedback["id"]) == 1
    [closed] = await listed(h, people["Bo"])
    assert closed["state"] == "closed" and not closed["answered"]


async def test_eight_weeks_after_the_end_the_lead_worker_gets_the_follow_up(h: Harness) -> None:
    meeting, people = await h.meeting("Anna", "Bo")
    await make_learning_conversation(h, meeting)
    await h.ok(meeting.moderator, "meeting.end")
    ended = h.now
    # The lead worker is named after the meeting.
    await give_role(h, people["Bo"], "lead_worker")
    follow_up = next(f for f in await listed(h, meeting.moderator) if f["template"] == "learning_follow_up")
    assert [f["template"] for f in await listed(h, people["Bo"])] == ["learning_feedback"]
    early = await answer(h, people["Bo"], follow_up["id"], {"for_child": "x", "for_me": "y"})
    assert early["error"]["code"] == "form_not_open"

    await h.pass_until(ended + timedelta(weeks=8))
    shown = {f["template"]: f for f in await listed(h, people["Bo"])}
    assert shown["learning_follow_up"]["state"] == "open" and shown["learning_follow_up"]["for_me"]
    assert (await form_row(h, follow_up["id"])).opened_notified_at == ended + timedelta(weeks=8)
    # Anna is not the lead worker: she neither sees it nor can answer it.
    assert "learning_follow_up" not in {f["template"] for f in await listed(h, people["Anna"])}
    refused = await answer(h, people["Anna"], follow_up["id"], {"for_child": "x", "for_me": "y"})
    assert refused["error"]["code"] == "not_in_audience"
    answers = {"for_child": "She goes to school again.", "for_me": "I call the school first now."}
    assert await answer(h, people["Bo"], follow_up["id"], answers) == {"ok": True}
    again = await answer(h, people["Bo"], follow_up["id"], answers)
    assert again["error"]["code"] == "already_answered"


async def test_a_follow_up_nobody_holds_the_role_for_goes_to_the_moderators(h: Harness) -> None:
    meeting, people = await h.meeting("Anna")
    await make_learning_conversation(h, meeting)
    await h.ok(meeting.moderator, "meeting.end")
    await h.pass_time(timedelta(weeks=8).total_seconds())
    follow_up = next(f for f in await listed(h, meeting.moderator) if f["template"] == "learning_follow_up")
    assert follow_up["for_me"] and follow_up["state"] == "open"
    assert [f["template"] for f in await listed(h, people["Anna"])] == ["learning_feedback"]
    assert await answer(h, meeting.moderator, follow_up["id"], {"for_child": "Calmer at home.", "for_me": "Clearer roles."}) == {"ok": True}


async def test_bad_answers_get_clear_errors_and_change_nothing(h: Harness) -> None:
    meeting, people = await h.meeting("Anna", "Bo")
    form = await create(h, meeting, template_id="pne_consultation_after", anonymous=False, opens_at=h.now)
    anna = people["Anna"]
    cases = [
        ({"useful_scale": 11}, "invalid_input", "outside the scale"),
        ({"useful_scale": -1}, "invalid_input", "outside the scale"),
        ({"useful_scale": True}, "invalid_input", "whole number"),
        ({"useful_scale": "7"}, "invalid_input", "whole number"),
        ({"useful_scale": 5, "useful": "x" * 4001}, "invalid_input", "longer than 4000"),
        ({"useful_scale": 5, "follow_up_kind": ["webinar", "podcast"]}, "invalid_input", "'podcast' is not one of"),
        ({"useful_scale": 5, "recommend": "yes"}, "invalid_input", "yes (true) or no (false)"),
        ({"useful_scale": 5, "favourite_colour": "blue"}, "unknown_question", "no question 'favourite_colour'"),
        ({"useful": "Only text"}, "invalid_input", "useful_scale: an answer is required"),
    ]
    for answers, code, words in cases:
        refused = await answer(h, anna, form.id, answers)
        assert refused["error"]["code"] == code, answers
        assert words in refused["error"]["message"], refused
    assert await respondents(h, form.id) == 0
    # A short text is one line of at most 200 characters.
    short = await create(h, meeting, template_id="learning_feedback", opens_at=h.now)
    refused = await answer(h, anna, short.id, {**FEEDBACK, "name": "A" * 201})
    assert "longer than 200" in refused["error"]["message"]
    # Not addressed to Anna: a form for Bo alone.
    for_bo = await create(h, meeting, template_id="pne_consultation_before", audience=f"person:{people['Bo'].id}", opens_at=h.now)
    assert (await answer(h, anna, for_bo.id, {"topics": "Interpreters"}))["error"]["code"] == "not_in_audience"
    # Another meeting's form is not found from this one.
    other, strangers = await h.meeting("Cai")
    theirs = await create(h, other, template_id="pne_consultation_before", opens_at=h.now)
    assert (await answer(h, anna, theirs.id, {"topics": "x"}))["error"]["code"] == "not_found"
    # The good answer is taken once.
    good = {"useful_scale": 8, "follow_up_kind": ["publication", "webinar"], "recommend": True, "useful": "  The checklist.  "}
    assert await answer(h, anna, form.id, good) == {"ok": True}
    assert (await answer(h, anna, form.id, good))["error"]["code"] == "already_answered"
    assert await respondents(h, form.id) == 1


async def test_after_the_end_a_token_answers_forms_and_does_nothing_else(h: Harness) -> None:
    meeting, people = await h.meeting("Anna")
    await make_learning_conversation(h, meeting)
    await h.ok(meeting.moderator, "meeting.end")
    anna = people["Anna"]
    for command, data in [("hand.raise", {}), ("chat.send", {"text": "Hello"}), ("question.submit", {"text": "One more?"})]:
        refused = await h.command(anna, command, **data)
        assert not refused["ok"] and refused["error"]["code"] in ("meeting_ended", "meeting_not_live"), (command, refused)
    [feedback] = await listed(h, anna)
    assert await answer(h, anna, feedback["id"], FEEDBACK) == {"ok": True}
    [answered] = await listed(h, anna)
    assert answered["answered"]


async def test_an_anonymous_answer_is_kept_without_its_person_or_its_time(h: Harness) -> None:
    meeting, people = await h.meeting("Anna", "Bo", "Cai")
    form = await create(h, meeting, template_id="pne_consultation_after", opens_at=h.now)
    assert form.anonymous
    await h.pass_time(3 * 3600 + 17.25)
    assert await answer(h, people["Anna"], form.id, {"useful_scale": 9}) == {"ok": True}

    async def rows(uow: UnitOfWork) -> tuple[list[FormPendingAnswer], list[FormAnswer], list[FormRespondent]]:
        return (
            list((await uow.session.exec(select(FormPendingAnswer))).all()),
            list((await uow.session.exec(select(FormAnswer))).all()),
            list((await uow.session.exec(select(FormRespondent))).all()),
        )

    pending, released, markers = await h.read(rows)
    [waiting] = pending
    assert released == []
    # The day, not the time; no person on the answer; the marker has no time and no key of its own.
    assert waiting.submitted_on == h.now.replace(hour=0, minute=0, second=0, microsecond=0)
    assert set(FormPendingAnswer.model_fields) == {"id", "form_id", "answers", "submitted_on"}
    assert set(FormRespondent.model_fields) == {"form_id", "participant_id"}
    assert [m.participant_id for m in markers] == [people["Anna"].id]
    # Two answers wait (the timer releases nothing); the third releases all three in a batch, with new keys.
    await h.tick()
    assert await answer(h, people["Bo"], form.id, {"useful_scale": 4}) == {"ok": True}
    await h.tick()
    assert (await h.read(rows))[1] == []
    assert await answer(h, people["Cai"], form.id, {"useful_scale": 6}) == {"ok": True}
    await h.tick()
    pending, released, _ = await h.read(rows)
    assert pending == []
    assert sorted(r.answers for r in released) == sorted(['{"useful_scale": 9}', '{"useful_scale": 4}', '{"useful_scale": 6}'])
    assert {r.respondent_id for r in released} == {None}
    assert waiting.id not in {r.id for r in released}
    assert {r.submitted_at for r in released} == {h.now.replace(hour=0, minute=0, second=0, microsecond=0)}


async def respondents(h: Harness, form_id: str) -> int:
    async def count(uow: UnitOfWork) -> int:
        marker = (await uow.session.exec(select(func.count()).select_from(FormRespondent).where(FormRespondent.form_id == form_id))).one()
        rows = (await uow.session.exec(select(func.count()).select_from(FormAnswer).where(FormAnswer.form_id == form_id))).one()
        pending = (await uow.session.exec(select(func.count()).select_from(FormPendingAnswer).where(FormPendingAnswer.form_id == form_id))).one()
        assert marker == rows + pending
        return marker

    return await h.read(count)
