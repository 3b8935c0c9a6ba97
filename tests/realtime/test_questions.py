"""The question queue: before and during the meeting, anonymity, moderation, upvotes, circulation."""

import json


async def test_questions_submitted_before_the_start_wait_for_the_moderator(room, api):
    r = await room("Anna", "Bo", start=False)
    submitted = await r["Anna"].ok("question.submit", text="How do you keep the child's voice central?")
    qid = submitted["result"]["question_id"]
    seen = await r.moderator.wait_event("question.submitted")
    assert seen["data"]["question"]["author"]["display_name"] == "Anna"
    mine = await r["Anna"].wait_event("question.submitted")
    assert mine["data"]["question"]["status"] == "submitted"
    assert not r["Bo"].events_of("question.submitted")  # not public until approved
    approved = await r.moderator.ok("question.approve", question_id=qid)
    event = await r["Bo"].wait_event("question.approved", lambda e: e["version"] == approved["version"])
    assert event["data"]["question"]["text"] == "How do you keep the child's voice central?"


async def test_an_anonymous_question_never_reveals_its_author(room, connect):
    r = await room("Anna", "Bo")
    ack = await r["Anna"].ok("question.submit", text="What if a parent refuses consent?", anonymous=True)
    assert ack["result"] == {"question_id": None}  # the answer is remembered with Anna's id: no question id in it
    submitted = await r.moderator.wait_event("question.submitted", lambda e: e["data"]["question"]["anonymous"])
    qid = submitted["data"]["question"]["id"]
    await r.moderator.ok("question.approve", question_id=qid)
    await r.moderator.ok("question.set_current", question_id=qid)
    await r["Bo"].wait_event("question.made_current")
    moderator_again = await connect(r.meeting["moderator_token"], "moderator-2")
    anna_id = r.joined["Anna"]["participant_id"]
    events = [*r.moderator.raw_events, *r["Bo"].raw_events, *r["Anna"].raw_events]
    about_it = [e for e in events if qid in json.dumps(e)]
    assert {e["type"] for e in about_it} >= {"question.submitted", "question.approved", "question.made_current"}
    for event in about_it:
        assert anna_id not in json.dumps(event) and "Anna" not in json.dumps(event), event
    for snapshot in (moderator_again.snapshot, r["Anna"].snapshot, r["Bo"].snapshot):
        for question in snapshot["meeting"]["questions"]:
            assert anna_id not in json.dumps(question)
    question = next(q for q in moderator_again.snapshot["meeting"]["questions"] if q["id"] == qid)
    assert question["author"] is None and question["anonymous"] is True


async def test_moderation_reorder_current_answered_and_upvotes(room, connect):
    r = await room("Anna", "Bo")
    q1 = (await r["Anna"].ok("question.submit", text="First question"))["result"]["question_id"]
    q2 = (await r["Bo"].ok("question.submit", text="Second question"))["result"]["question_id"]
    q3 = (await r["Bo"].ok("question.submit", text="Off topic"))["result"]["question_id"]
    for qid in (q1, q2):
        await r.moderator.ok("question.approve", question_id=qid)
    await r.moderator.ok("question.dismiss", question_id=q3)
    not_approved = await r.moderator.command("question.set_current", question_id=q3)
    assert not_approved["error"]["code"] == "question_not_approved"
    reordered = await r.moderator.ok("question.reorder", order=[q2, q1])
    event = await r["Anna"].wait_event("questions.reordered", lambda e: e["version"] == reordered["version"])
    assert event["data"]["order"][:2] == [q2, q1]
    await r["Anna"].ok("question.upvote", question_id=q2)
    twice = await r["Anna"].command("question.upvote", question_id=q2)
    assert twice["error"]["code"] == "already_upvoted"
    upvoted = await r.moderator.wait_event("question.upvoted")
    assert upvoted["data"] == {"question_id": q2, "upvotes": 1}
    dismissed = await r["Anna"].command("question.upvote", question_id=q3)
    assert dismissed["error"]["code"] == "question_not_approved"
    await r.moderator.ok("question.set_current", question_id=q2)
    current = await r["Bo"].wait_event("question.made_current")
    assert current["data"]["question_id"] == q2
    await r.moderator.ok("question.mark_answered", question_id=q2)
    answered = await r["Bo"].wait_event("question.answered")
    assert answered["data"]["question"]["status"] == "answered" and answered["data"]["question"]["answered_at"]
    cleared = await r["Bo"].wait_event("question.made_current", lambda e: e["data"]["question_id"] is None)
    assert cleared
    # What each one sees on reconnect: public questions in order, their own dismissed one, their upvotes.
    anna = await connect(r.joined["Anna"]["token"], "anna-again")
    bo = await connect(r.joined["Bo"]["token"], "bo-again")
    assert [(q["id"], q["status"]) for q in anna.snapshot["meeting"]["questions"]] == [(q2, "answered"), (q1, "approved")]
    assert anna.snapshot["meeting"]["my_upvotes"] == [q2]
    assert [(q["id"], q["status"]) for q in bo.snapshot["meeting"]["questions"]] == [(q2, "answered"), (q1, "approved"), (q3, "dismissed")]
    assert bo.snapshot["meeting"]["my_upvotes"] == []


async def test_circulated_keynote_questions_are_on_the_invite_page_before_the_meeting(room, api):
    r = await room("Keynote", "Anna", start=False)
    keynote_id = r.joined["Keynote"]["participant_id"]
    await r.moderator.ok("participant.set_keynote", participant_id=keynote_id, keynote=True)
    await r["Keynote"].wait_event("participant.updated")
    invite = (await api.http.get(f"/api/v1/invite/{r.meeting['join_code']}")).json()
    assert invite["circulated_questions"] == []
    # A keynote professional's question is a keynote question from the start.
    qid = (await r["Keynote"].ok("question.submit", text="How do you organise the forensic interview room?"))["result"]["question_id"]
    await r["Anna"].ok("question.submit", text="Not a keynote question")
    circulated = await r.moderator.ok("question.circulate")
    assert circulated["result"]["question_ids"] == [qid]
    event = await r["Anna"].wait_event("questions.circulated")
    assert [q["id"] for q in event["data"]["questions"]] == [qid]
    invite = (await api.http.get(f"/api/v1/invite/{r.meeting['join_code']}")).json()
    assert [q["text"] for q in invite["circulated_questions"]] == ["How do you organise the forensic interview room?"]
    assert invite["status"] == "scheduled"
    missing = await api.http.get("/api/v1/invite/no-such-code")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"


async def test_a_question_asked_in_the_chat_is_promoted_into_the_queue(room, connect):
    r = await room("Anna", "Bo")
    asked = await r["Anna"].ok("chat.send", text="Does anyone record the observation room?", kind="question")
    message_id = asked["result"]["message_id"]
    # Only a moderator promotes, and only a chat question.
    refused = await r["Bo"].command("question.promote", message_id=message_id)
    assert refused["error"]["code"] == "forbidden"
    remark = await r["Bo"].ok("chat.send", text="Good point")
    not_a_question = await r.moderator.command("question.promote", message_id=remark["result"]["message_id"])
    assert not_a_question["error"]["code"] == "not_a_chat_question"
    assert (await r.moderator.command("question.promote", message_id="nope"))["error"]["code"] == "not_found"

    promoted = await r.moderator.ok("question.promote", message_id=message_id)
    qid = promoted["result"]["question_id"]
    seen = await r["Bo"].wait_event("question.approved", lambda e: e["data"]["question"]["id"] == qid)
    question = seen["data"]["question"]
    assert question["text"] == "Does anyone record the observation room?"
    assert question["status"] == "approved" and question["author"]["display_name"] == "Anna"
    assert question["promoted_from"] == message_id
    again = await r.moderator.command("question.promote", message_id=message_id)
    assert again["error"]["code"] == "already_promoted"
    # It stays in the queue for someone who connects later, and can be put on the table.
    await r.moderator.ok("question.set_current", question_id=qid)
    later = await connect(r.joined["Bo"]["token"], "bo-later")
    assert later.snapshot["meeting"]["current_question_id"] == qid
    assert [q["promoted_from"] for q in later.snapshot["meeting"]["questions"] if q["id"] == qid] == [message_id]
