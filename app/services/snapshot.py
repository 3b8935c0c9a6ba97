"""The snapshot: the whole state one person may see, sent on every (re)connect."""

from typing import Any

from app import clock
from app.db import UnitOfWork
from app.models import Meeting, Participant, Role
from app.services import breakouts, chat, consent, questions, stages, summary, views


def meeting_summary(meeting: Meeting) -> dict[str, Any]:
    return {
        "id": meeting.id,
        "title": meeting.title,
        "format": meeting.format,
        "language": meeting.language,
        "status": meeting.status,
        "scheduled_for": clock.iso(meeting.scheduled_for) if meeting.scheduled_for else None,
        "started_at": clock.iso(meeting.started_at) if meeting.started_at else None,
        "ended_at": clock.iso(meeting.ended_at) if meeting.ended_at else None,
        "settings": {"fairness": meeting.fairness, "hand_grace_seconds": meeting.hand_grace_seconds},
    }


async def build(uow: UnitOfWork, *, meeting: Meeting, viewer: Participant, public_url: str) -> dict[str, Any]:
    messages, more = await chat.history(uow, meeting=meeting, room_id=None, before=None, limit=chat.HISTORY_IN_SNAPSHOT)
    state: dict[str, Any] = {
        **meeting_summary(meeting),
        "participants": await views.participant_list(uow, meeting.id),
        "hands": (await views.queue(uow, meeting)).model_dump(mode="json"),
        "speaker": s.model_dump(mode="json") if (s := await views.speaker(uow, meeting)) else None,
        "questions": [q.model_dump(mode="json") for q in await views.questions(uow, await questions.visible(uow, meeting=meeting, viewer=viewer))],
        "current_question_id": meeting.current_question_id,
        "my_upvotes": await questions.my_upvotes(uow, meeting=meeting, viewer=viewer),
        "chat": {"messages": [m.model_dump(mode="json") for m in messages], "has_more": more},
        "resources": [r.model_dump(mode="json") for r in await chat.resources(uow, meeting=meeting)],
        "consent": await consent.view_for(uow, meeting_id=meeting.id, viewer=viewer),
    }
    state["breakout"] = await breakouts.snapshot_view(uow, meeting=meeting, viewer=viewer)
    state["stage"] = st.model_dump(mode="json") if (st := await stages.view(uow, meeting)) else None
    state["my_name_in_summary"] = await summary.name_shared(uow, participant_id=viewer.id)
    if viewer.role == Role.moderator:
        state["followups"] = [summary.followup_view(f).model_dump(mode="json") for f in await summary.followups(uow, meeting=meeting)]
        state["join_code"] = meeting.join_code
        state["join_url"] = f"{public_url}/join/{meeting.join_code}"
    return {
        "version": meeting.version,
        "server_time": clock.iso(clock.now()),
        "you": {"participant_id": viewer.id, "role": viewer.role, "display_name": viewer.display_name, "keynote": viewer.keynote},
        "meeting": state,
    }
