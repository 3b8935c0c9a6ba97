"""Ending a meeting ends everything still running in it, in the one transaction that ends the meeting.

Nothing is left on a screen after `meeting.ended`: the floor closes with the speaker's time, the turn in
progress is over, raised hands go down, a breakout or thinking break brings everyone back. Each comes with
the event the pages already apply, recorded before `meeting.ended`; then the moderator is asked about a
recording nobody decided on (app/services/consent.py).
"""

from datetime import timedelta

from app.db import UnitOfWork
from app.models import Meeting
from app.services import breakouts, forms, hands, meetings, stages


async def end_meeting(uow: UnitOfWork, *, meeting: Meeting, decide_within: timedelta = timedelta(days=7)) -> None:
    meetings.check_not_ended(meeting)
    await hands.end_floor(uow, meeting=meeting)
    await stages.end_current_turn(uow, meeting=meeting)
    await breakouts.end_with_meeting(uow, meeting=meeting)
    await meetings.end(uow, meeting=meeting, decide_within=decide_within)
    # The forms the format brings with its end (a learning conversation's feedback and 8-week follow-up).
    await forms.meeting_ended(uow, meeting=meeting)
