"""Typed events: one class per event type. An undeclared field is a schema bug (extra="forbid").

Every event class names its wire type; the unit of work stamps version and time, and the
service that records it names the rooms that receive it.
"""

from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict

from app.clock import Timestamp


class Event(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: ClassVar[str]


class View(BaseModel):
    """A piece of state as clients see it."""

    model_config = ConfigDict(extra="forbid")


# Views shared by snapshots and events ---------------------------------------------------------


class PersonRef(View):
    participant_id: str
    display_name: str


class ParticipantView(View):
    participant_id: str
    display_name: str
    organisation: str | None
    role: str
    keynote: bool
    online: bool
    has_spoken: bool


class QueueEntry(View):
    participant_id: str
    display_name: str
    note: str | None
    raised_at: Timestamp
    has_spoken: bool
    # True while the person is disconnected and the grace period runs.
    away: bool


class HandQueue(View):
    # "fairness": those who have not spoken yet go first; "first_come": strictly by time.
    rule: Literal["fairness", "first_come"]
    entries: list[QueueEntry]


class SpeakerView(View):
    participant_id: str
    display_name: str
    since: Timestamp


class QuestionView(View):
    id: str
    text: str
    status: str
    keynote: bool
    circulated: bool
    anonymous: bool
    author: PersonRef | None
    upvotes: int
    position: int
    created_at: Timestamp
    answered_at: Timestamp | None
    # The chat message it was promoted from (question.promote); null for a question submitted as one.
    promoted_from: str | None = None


class ChatMessageView(View):
    id: str
    # Orders the chat; ask for older pages with `before=<seq>`.
    seq: int
    room_id: str | None
    author: PersonRef
    kind: str
    text: str
    url: str | None
    title: str | None
    created_at: Timestamp


class ResourceView(View):
    message_id: str
    url: str
    title: str
    text: str
    author: PersonRef
    created_at: Timestamp


# Meeting ----------------------------------------------------------------------------------------


class MeetingStarted(Event):
    type = "meeting.started"
    status: str
    started_at: Timestamp


class MeetingEnded(Event):
    type = "meeting.ended"
    status: str
    ended_at: Timestamp


class MeetingConfigured(Event):
    type = "meeting.configured"
    fairness: bool
    hand_grace_seconds: int
    queue: HandQueue


# Participants -----------------------------------------------------------------------------------


class ParticipantJoined(Event):
    type = "participant.joined"
    participant: ParticipantView


class ParticipantUpdated(Event):
    type = "participant.updated"
    participant: ParticipantView


class PresenceChange(View):
    participant_id: str
    online: bool


class PresenceChanged(Event):
    """Who came and went since the last announcement (at most one per meeting per timer tick)."""

    type = "participant.presence_changed"
    changes: list[PresenceChange]
    queue: HandQueue


class ParticipantRemoved(Event):
    type = "participant.removed"
    participant_id: str
    queue: HandQueue
    speaker: SpeakerView | None


# Hands and the floor ----------------------------------------------------------------------------


class HandRaised(Event):
    type = "hand.raised"
    participant_id: str
    queue: HandQueue


class HandLowered(Event):
    type = "hand.lowered"
    participant_id: str
    # "lowered" by the person, "lowered_by_moderator", or "grace_expired" after a disconnect.
    reason: Literal["lowered", "lowered_by_moderator", "grace_expired"]
    queue: HandQueue


class HandsCleared(Event):
    type = "hands.cleared"
    queue: HandQueue


class FloorGiven(Event):
    type = "floor.given"
    speaker: SpeakerView
    queue: HandQueue


class FloorEnded(Event):
    type = "floor.ended"
    participant_id: str
    spoke_seconds: float


# Questions --------------------------------------------------------------------------------------


class QuestionChanged(Event):
    """Base of the question events: each carries the question as it now is."""

    question: QuestionView


class QuestionSubmitted(QuestionChanged):
    type = "question.submitted"


class QuestionApproved(QuestionChanged):
    type = "question.approved"


class QuestionDismissed(QuestionChanged):
    type = "question.dismissed"


class QuestionAnswered(QuestionChanged):
    type = "question.answered"


class QuestionKeynoteMarked(QuestionChanged):
    type = "question.keynote_marked"


class QuestionsCirculated(Event):
    type = "questions.circulated"
    questions: list[QuestionView]


class QuestionsReordered(Event):
    type = "questions.reordered"
    order: list[str]


class QuestionMadeCurrent(Event):
    type = "question.made_current"
    question_id: str | None


class QuestionUpvoted(Event):
    type = "question.upvoted"
    question_id: str
    upvotes: int


# Chat -------------------------------------------------------------------------------------------


class ChatSent(Event):
    type = "chat.sent"
    message: ChatMessageView


class ChatHidden(Event):
    type = "chat.hidden"
    message_id: str
    room_id: str | None


def all_event_types() -> dict[str, type[Event]]:
    """Every concrete event type by its wire name (for docs and tests)."""
    found: dict[str, type[Event]] = {}
    stack: list[type[Event]] = [Event]
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if "type" in cls.__dict__:
            found[cls.type] = cls
    return found


# Breakouts and thinking breaks ------------------------------------------------------------------


class BreakoutRoomView(View):
    id: str
    name: str
    members: list[PersonRef]


class BreakoutView(View):
    id: str
    kind: Literal["rooms", "thinking"]
    assignment: Literal["manual", "random", "choose"] | None
    prompt: str | None
    started_at: Timestamp
    # Clients count down to this, corrected by the snapshot's server_time.
    deadline: Timestamp
    warn_at: Timestamp | None
    warned: bool
    rooms: list[BreakoutRoomView]


class BreakoutStarted(Event):
    type = "breakout.started"
    breakout: BreakoutView


class BreakoutWarned(Event):
    type = "breakout.warned"
    breakout_id: str
    deadline: Timestamp
    seconds_left: float


class BreakoutExtended(Event):
    type = "breakout.extended"
    breakout_id: str
    deadline: Timestamp
    warn_at: Timestamp | None


class BreakoutEnded(Event):
    type = "breakout.ended"
    breakout_id: str
    reason: Literal["deadline", "ended_by_moderator"]


class BreakoutMemberMoved(Event):
    type = "breakout.member_moved"
    breakout_id: str
    participant_id: str
    # None: back in the main room.
    room_id: str | None
    rooms: list[BreakoutRoomView]


class BreakoutBroadcastSent(Event):
    type = "breakout.broadcast_sent"
    breakout_id: str
    text: str
    author: PersonRef


# Stages and turns -------------------------------------------------------------------------------


class TurnView(View):
    participant_id: str
    display_name: str
    status: Literal["pending", "current", "done", "passed"]
    question_id: str | None


class TurnsView(View):
    stage: str
    order: list[TurnView]
    current: str | None
    # Who has not had a turn yet: the console shows them at all times.
    remaining: list[str]


class StageView(View):
    format: str
    steps: list[str]
    current: str | None
    next: str | None
    turns: TurnsView | None


class StageChanged(Event):
    type = "stage.changed"
    stage: StageView


class TurnStarted(Event):
    type = "turn.started"
    participant_id: str
    stage: StageView


class TurnPassed(Event):
    type = "turn.passed"
    participant_id: str
    stage: StageView


class TurnFinished(Event):
    type = "turn.finished"
    participant_id: str
    stage: StageView


# Follow-up and the summary ----------------------------------------------------------------------


class FollowUpView(View):
    id: str
    text: str
    created_at: Timestamp


class FollowUpAdded(Event):
    type = "followup.added"
    item: FollowUpView


class FollowUpRemoved(Event):
    type = "followup.removed"
    followup_id: str


class SummaryNameSet(Event):
    type = "summary.name_set"
    share: bool


# Consent: outcomes and counts, never who voted what ------------------------------------------------
class BallotView(View):
    phase: Literal["opening", "closing"]
    eligible: int
    voted: int
    opened_at: Timestamp | None


class RecordingSummary(View):
    """The meeting's latest recording, as the room may know it."""

    status: str
    started_at: Timestamp
    stopped_at: Timestamp | None
    deleted_at: Timestamp | None


class ConsentView(View):
    state: str
    ballot: BallotView | None
    recording: RecordingSummary | None
    # How many recordings the meeting has had (deleted ones included).
    recordings: int


class PersonalView(View):
    """One person's own part: sent only to that person's sockets."""

    # The question this person is asked now: "opening", "closing", "late" (joined while recording was allowed) or None.
    question: Literal["opening", "closing", "late"] | None
    # The person's own consent on record: "share", "record" or None. A privacy vote is not kept, so never shown.
    my_vote: Literal["record", "share"] | None
    can_withdraw: bool


class ConsentChanged(Event):
    type = "consent.changed"
    state: str
    ballot: BallotView | None
    recording: RecordingSummary | None
    recordings: int


class ConsentPersonalChanged(Event):
    type = "consent.personal_changed"
    question: Literal["opening", "closing", "late"] | None
    my_vote: Literal["record", "share"] | None
    can_withdraw: bool
