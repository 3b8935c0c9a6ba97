"""Typed events: one class per event type. An undeclared field is a schema bug (extra="forbid").

Every event class names its wire type as a `Literal` field; the unit of work stamps version and time,
and the service that records it names the rooms that receive it. The envelope carries the type
(`{"version", "type", "data", "at"}`), so `type` is left out of the event's own `data`
(`exclude=True`). `ServerEventData` is the discriminated union of them all: with the snapshot, the
commands and the error codes it is the wire, from which the frontend's types are generated (app/wire.py).
"""

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from app.clock import Timestamp
from app.formats.definition import Base, Prompt, Right
from app.formats.definition import View as RoleViewKind
from app.models import (
    ChatKind,
    FollowUpKind,
    FollowUpStatus,
    MeetingStatus,
    QuestionStatus,
    ReviewOutcome,
    Role,
    RosterKind,
    TurnStatus,
    UpdateAuthor,
)
from app.rules.consent import ConsentState, RecordingStatus
from app.rules.hand_queue import HandRule, PlaceReason
from app.rules.time_box import TimeBoxAction
from app.rules.turn_order import TurnStage


class Event(BaseModel):
    model_config = ConfigDict(extra="forbid")
    # Each concrete event narrows this to its Literal wire name, e.g. `Literal["hand.raised"]`;
    # a base class that names none (QuestionChanged) keeps "" and is no event type of its own.
    type: str = Field(default="", exclude=True)


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
    role: Role
    keynote: bool
    online: bool
    has_spoken: bool
    # The person's role of the format (`meeting.roles` names it); none: the base role's default.
    format_role: str | None


class PeopleCount(View):
    """The meeting's current members and how many of them are online. Above a size a participant's list names only
    some people (the snapshot's `people.complete`); these counts are always of everyone."""

    total: int
    online: int


class QueueEntry(View):
    participant_id: str
    display_name: str
    note: str | None
    raised_at: Timestamp
    has_spoken: bool
    # True while the person is disconnected and the grace period runs.
    away: bool
    # Why they are ahead of someone who raised a hand before them under the queue's rule
    # ("first_time", "spoken_least", "other_organisation"); null when their place is their turn in time.
    reason: PlaceReason | None = None


class HandQueue(View):
    # "fairness": those who have not spoken yet go first; "first_come": strictly by time; "least_time": least
    # total speaking time first; "other_organisation": not two in a row from one organisation while another waits.
    rule: HandRule
    entries: list[QueueEntry]


class SpeakerView(View):
    participant_id: str
    display_name: str
    since: Timestamp


class QuestionView(View):
    id: str
    text: str
    status: QuestionStatus
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
    kind: ChatKind
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
    type: Literal["meeting.started"] = Field("meeting.started", exclude=True)
    status: MeetingStatus
    started_at: Timestamp


class MeetingEnded(Event):
    type: Literal["meeting.ended"] = Field("meeting.ended", exclude=True)
    status: MeetingStatus
    ended_at: Timestamp


class MeetingConfigured(Event):
    type: Literal["meeting.configured"] = Field("meeting.configured", exclude=True)
    fairness: bool
    hand_rule: HandRule
    hand_grace_seconds: int
    turn_time_box_seconds: int
    turn_time_box_action: TimeBoxAction
    queue: HandQueue


# Participants -----------------------------------------------------------------------------------


class ParticipantJoined(Event):
    type: Literal["participant.joined"] = Field("participant.joined", exclude=True)
    participant: ParticipantView
    people: PeopleCount


class ParticipantUpdated(Event):
    type: Literal["participant.updated"] = Field("participant.updated", exclude=True)
    participant: ParticipantView


class PresenceChange(View):
    participant_id: str
    online: bool


class RosterPresence(View):
    """A roster entry of a series meeting: present while one of its people is online."""

    entry_id: str
    name: str
    kind: RosterKind
    required: bool
    present: bool
    # The display names of its people online now.
    people: list[str]
    # The format asks for one key representative per organisation and this entry has more than one online.
    more_than_one: bool = False


class SeriesUpdateView(View):
    id: str
    author: UpdateAuthor
    author_name: str
    text: str
    url: str | None
    created_at: Timestamp


class SeriesPart(View):
    """`meeting.series`: the series a meeting belongs to, its roster now and the updates posted since the last meeting."""

    series_id: str
    name: str
    number: int
    context: str
    time_zone: str
    # This meeting's occurrence, and its wall-clock time in the series' zone ("2027-03-30T14:00").
    starts_at: Timestamp
    local: str
    roster: list[RosterPresence]
    updates: list[SeriesUpdateView]


class PresenceChanged(Event):
    """Who came and went since the last announcement (at most one per meeting per timer tick)."""

    type: Literal["participant.presence_changed"] = Field("participant.presence_changed", exclude=True)
    changes: list[PresenceChange]
    queue: HandQueue
    # In a meeting of a series: every roster entry, present or missing now (null outside a series).
    roster: list[RosterPresence] | None = None
    people: PeopleCount


class ParticipantRemoved(Event):
    type: Literal["participant.removed"] = Field("participant.removed", exclude=True)
    participant_id: str
    queue: HandQueue
    speaker: SpeakerView | None
    people: PeopleCount


class BannedView(View):
    """Someone removed from the meeting and not let back in (moderators only)."""

    participant_id: str
    display_name: str
    removed_at: Timestamp | None


class ParticipantBanned(Event):
    """Someone was removed: they cannot join again until a moderator lets them back (moderators only)."""

    type: Literal["participant.banned"] = Field("participant.banned", exclude=True)
    banned: BannedView


class ParticipantBanLifted(Event):
    """A moderator let a removed person back in: they may join again with the invite link."""

    type: Literal["participant.ban_lifted"] = Field("participant.ban_lifted", exclude=True)
    participant_id: str


# Hands and the floor ----------------------------------------------------------------------------


class HandRaised(Event):
    """A delta: the new entry and its index in the queue at this version (the full queue is in snapshots)."""

    type: Literal["hand.raised"] = Field("hand.raised", exclude=True)
    participant_id: str
    entry: QueueEntry
    position: int


class HandLowered(Event):
    type: Literal["hand.lowered"] = Field("hand.lowered", exclude=True)
    participant_id: str
    # "lowered" by the person, "lowered_by_moderator", or "grace_expired" after a disconnect.
    reason: Literal["lowered", "lowered_by_moderator", "grace_expired"]


class HandsCleared(Event):
    type: Literal["hands.cleared"] = Field("hands.cleared", exclude=True)
    queue: HandQueue


class FloorGiven(Event):
    type: Literal["floor.given"] = Field("floor.given", exclude=True)
    speaker: SpeakerView
    queue: HandQueue


class FloorEnded(Event):
    type: Literal["floor.ended"] = Field("floor.ended", exclude=True)
    participant_id: str
    spoke_seconds: float


# Questions --------------------------------------------------------------------------------------


class QuestionChanged(Event):
    """Base of the question events: each carries the question as it now is."""

    question: QuestionView


class QuestionSubmitted(QuestionChanged):
    type: Literal["question.submitted"] = Field("question.submitted", exclude=True)


class QuestionApproved(QuestionChanged):
    type: Literal["question.approved"] = Field("question.approved", exclude=True)


class QuestionDismissed(QuestionChanged):
    type: Literal["question.dismissed"] = Field("question.dismissed", exclude=True)


class QuestionAnswered(QuestionChanged):
    type: Literal["question.answered"] = Field("question.answered", exclude=True)


class QuestionKeynoteMarked(QuestionChanged):
    type: Literal["question.keynote_marked"] = Field("question.keynote_marked", exclude=True)


class QuestionsCirculated(Event):
    type: Literal["questions.circulated"] = Field("questions.circulated", exclude=True)
    questions: list[QuestionView]


class QuestionsReordered(Event):
    type: Literal["questions.reordered"] = Field("questions.reordered", exclude=True)
    order: list[str]


class QuestionMadeCurrent(Event):
    type: Literal["question.made_current"] = Field("question.made_current", exclude=True)
    question_id: str | None


class QuestionUpvoted(Event):
    type: Literal["question.upvoted"] = Field("question.upvoted", exclude=True)
    question_id: str
    upvotes: int


# Chat -------------------------------------------------------------------------------------------


class ChatSent(Event):
    type: Literal["chat.sent"] = Field("chat.sent", exclude=True)
    message: ChatMessageView


class ChatHidden(Event):
    type: Literal["chat.hidden"] = Field("chat.hidden", exclude=True)
    message_id: str
    room_id: str | None


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
    type: Literal["breakout.started"] = Field("breakout.started", exclude=True)
    breakout: BreakoutView


class BreakoutWarned(Event):
    type: Literal["breakout.warned"] = Field("breakout.warned", exclude=True)
    breakout_id: str
    deadline: Timestamp
    seconds_left: float


class BreakoutExtended(Event):
    type: Literal["breakout.extended"] = Field("breakout.extended", exclude=True)
    breakout_id: str
    deadline: Timestamp
    warn_at: Timestamp | None


class BreakoutEnded(Event):
    type: Literal["breakout.ended"] = Field("breakout.ended", exclude=True)
    breakout_id: str
    reason: Literal["deadline", "ended_by_moderator"]


class BreakoutMemberMoved(Event):
    type: Literal["breakout.member_moved"] = Field("breakout.member_moved", exclude=True)
    breakout_id: str
    participant_id: str
    # None: back in the main room.
    room_id: str | None
    rooms: list[BreakoutRoomView]


class BreakoutBroadcastSent(Event):
    type: Literal["breakout.broadcast_sent"] = Field("breakout.broadcast_sent", exclude=True)
    breakout_id: str
    text: str
    author: PersonRef


# Stages and turns -------------------------------------------------------------------------------


class TurnView(View):
    participant_id: str
    display_name: str
    status: TurnStatus
    question_id: str | None


class TimeBoxView(View):
    """The current turn's time box: every page counts down to `deadline` on the server's clock."""

    participant_id: str
    started_at: Timestamp
    deadline: Timestamp
    # None: the box is too short for a warning before its end.
    warn_at: Timestamp | None
    warned: bool
    time_up: bool
    # What happens at zero, as the moderator set it (app/rules/time_box.py).
    action: TimeBoxAction


class TurnsView(View):
    # The id of the turn-taking stage whose order this is.
    stage: str
    # Its turn rule (the stage's `turns`): keynotes, concluding_tour or rounds.
    kind: TurnStage
    order: list[TurnView]
    current: str | None
    # Who has not had a turn yet: the console shows them at all times.
    remaining: list[str]
    time_box: TimeBoxView | None = None


# A text in the format's languages ({"en": ..., "da": ..., "ar": ...}; English always there): pages pick theirs.
Texts = dict[str, str]


class StepView(View):
    id: str
    name: Texts


class CurrentStageView(View):
    """The current stage as the format defines it (app/formats/definition.py StageDef): what the pages offer in it."""

    id: str
    name: Texts
    guidance: Texts | None
    # The hand queue and the floor are open (hand.raise is refused with not_in_this_stage otherwise).
    floor: bool
    # Questions may be submitted (question.submit is refused with not_in_this_stage otherwise).
    questions: bool
    # The turn order this stage keeps, if any.
    turns: TurnStage | None
    confirm_turns_before_leaving: bool
    # Board ids open for contributions in this stage.
    boards: list[str]
    # The scale id asked in this stage.
    scale: str | None
    # What the stage suggests to the moderator: a button in the console or a line of guidance.
    prompts: list[Prompt]
    # Only these roles (and moderators) take part; empty: everyone.
    only_roles: list[str]
    # A suggested length in minutes; 0: none.
    minutes: int


class StageView(View):
    # The format's id.
    format: str
    # The stage ids in order.
    steps: list[str]
    current: str | None
    next: str | None
    turns: TurnsView | None
    # The stages in order with their names.
    stages: list[StepView]
    # The current stage's definition.
    current_stage: CurrentStageView


class StageChanged(Event):
    type: Literal["stage.changed"] = Field("stage.changed", exclude=True)
    stage: StageView


class TurnStarted(Event):
    type: Literal["turn.started"] = Field("turn.started", exclude=True)
    participant_id: str
    stage: StageView


class TurnPassed(Event):
    type: Literal["turn.passed"] = Field("turn.passed", exclude=True)
    participant_id: str
    stage: StageView


class TurnFinished(Event):
    type: Literal["turn.finished"] = Field("turn.finished", exclude=True)
    participant_id: str
    stage: StageView


class TurnTimeWarned(Event):
    type: Literal["turn.time_warned"] = Field("turn.time_warned", exclude=True)
    participant_id: str
    seconds_left: float
    stage: StageView


class TurnTimeUp(Event):
    type: Literal["turn.time_up"] = Field("turn.time_up", exclude=True)
    participant_id: str
    action: TimeBoxAction
    stage: StageView


# Follow-up and the summary ----------------------------------------------------------------------


class FollowUpView(View):
    id: str
    text: str
    created_at: Timestamp
    kind: FollowUpKind
    status: FollowUpStatus
    # Who carries it out, as written; `owner_participant_id` when it is someone in this meeting.
    owner: str | None
    owner_participant_id: str | None
    due_on: date | None
    # The due date passed while the item was still open (set by the timer).
    overdue: bool
    # Carried over from the previous meeting of the series, to review; `review` is the group's word on it.
    carried: bool
    review: ReviewOutcome | None
    from_message_id: str | None
    from_card_id: str | None


class FollowUpAdded(Event):
    type: Literal["followup.added"] = Field("followup.added", exclude=True)
    item: FollowUpView


class FollowUpUpdated(Event):
    """Changed, its status set, reviewed, or flagged overdue."""

    type: Literal["followup.updated"] = Field("followup.updated", exclude=True)
    item: FollowUpView


class FollowUpRemoved(Event):
    type: Literal["followup.removed"] = Field("followup.removed", exclude=True)
    followup_id: str


class SummaryNameSet(Event):
    type: Literal["summary.name_set"] = Field("summary.name_set", exclude=True)
    share: bool


# Consent: outcomes and counts, never who voted what ------------------------------------------------
class BallotView(View):
    phase: Literal["opening", "closing"]
    eligible: int
    voted: int
    opened_at: Timestamp | None


class RecordingSummary(View):
    """The meeting's latest recording, as the room may know it."""

    status: RecordingStatus
    started_at: Timestamp
    stopped_at: Timestamp | None
    deleted_at: Timestamp | None


class ConsentView(View):
    state: ConsentState
    ballot: BallotView | None
    recording: RecordingSummary | None
    # How many recordings the meeting has had (deleted ones included).
    recordings: int
    # Set when the meeting ended with a recording nobody has decided on: by then it is deleted unless shared.
    decision_due_at: Timestamp | None


class PersonalView(View):
    """One person's own part: sent only to that person's sockets."""

    # The question this person is asked now: "opening", "closing", "late" (joined while recording was allowed) or None.
    question: Literal["opening", "closing", "late"] | None
    # The person's own consent on record: "share", "record" or None. A privacy vote is not kept, so never shown.
    my_vote: Literal["record", "share"] | None
    can_withdraw: bool


class ConsentChanged(Event):
    type: Literal["consent.changed"] = Field("consent.changed", exclude=True)
    state: ConsentState
    ballot: BallotView | None
    recording: RecordingSummary | None
    recordings: int
    decision_due_at: Timestamp | None


class ConsentPersonalChanged(Event):
    type: Literal["consent.personal_changed"] = Field("consent.personal_changed", exclude=True)
    question: Literal["opening", "closing", "late"] | None
    my_vote: Literal["record", "share"] | None
    can_withdraw: bool


# Capture boards: cards, dot-vote totals (never who), plan sign-offs ---------------------------------


class CardView(View):
    id: str
    board_id: str
    column_id: str
    # The card's place in its column: lower first (a page sorts by it; hidden cards keep theirs).
    position: int
    text: str
    anonymous: bool
    # Null for an anonymous card (its author is never stored) and for a merge of cards by different people.
    author: PersonRef | None
    organisation: str | None
    tags: list[str]
    theme: str | None
    owner: str | None
    due: date | None
    # Only moderators receive hidden cards; everyone else loses them from view.
    hidden: bool
    # Dots on the card, everyone's together.
    votes: int
    created_at: Timestamp
    updated_at: Timestamp


class CardPlace(View):
    card_id: str
    column_id: str
    position: int


class SignOffView(View):
    board_id: str
    participant_id: str
    # The name the person had when they signed.
    display_name: str
    signed_at: Timestamp


class BoardCardAdded(Event):
    type: Literal["board.card_added"] = Field("board.card_added", exclude=True)
    card: CardView


class BoardCardChanged(Event):
    """Edited, tagged, themed, assigned, or shown again after being hidden."""

    type: Literal["board.card_changed"] = Field("board.card_changed", exclude=True)
    card: CardView


class BoardCardsMoved(Event):
    """Every card whose column or place changed (a page ignores cards it does not hold)."""

    type: Literal["board.cards_moved"] = Field("board.cards_moved", exclude=True)
    board_id: str
    moves: list[CardPlace]


class BoardCardMerged(Event):
    """`card_id` is gone, merged into `into` (texts joined, dots added)."""

    type: Literal["board.card_merged"] = Field("board.card_merged", exclude=True)
    board_id: str
    card_id: str
    into: CardView


class BoardCardHidden(Event):
    """Moderators mark the card hidden; everyone else removes it."""

    type: Literal["board.card_hidden"] = Field("board.card_hidden", exclude=True)
    board_id: str
    card_id: str


class BoardCardRemoved(Event):
    """The card is gone for everyone (its author erased their data)."""

    type: Literal["board.card_removed"] = Field("board.card_removed", exclude=True)
    board_id: str
    card_id: str


class BoardCardVoted(Event):
    """The card's total dots changed; who placed or took a dot is never said."""

    type: Literal["board.card_voted"] = Field("board.card_voted", exclude=True)
    board_id: str
    card_id: str
    votes: int


class BoardMyVotesChanged(Event):
    """To the voter's own sockets only: their dots on one card now."""

    type: Literal["board.my_votes_changed"] = Field("board.my_votes_changed", exclude=True)
    board_id: str
    card_id: str
    dots: int


class BoardPlanSigned(Event):
    type: Literal["board.plan_signed"] = Field("board.plan_signed", exclude=True)
    sign_off: SignOffView


class BoardPlanUnsigned(Event):
    type: Literal["board.plan_unsigned"] = Field("board.plan_unsigned", exclude=True)
    board_id: str
    participant_id: str


class RecordPublished(Event):
    """The meeting's record can be read now: by everyone (`everyone`), or first by this person as the lead.
    Pages load it (GET /api/v1/meetings/{id}/record); the event carries none of it."""

    type: Literal["record.published"] = Field("record.published", exclude=True)
    published_at: Timestamp
    everyone: bool


# Roles, the agreement and scaling (app/services/roles.py, agreements.py, scales.py) ----------------


class RoleView(View):
    """A role of the meeting's format as pages show it: its name, what it may do and which view it gets."""

    id: str
    name: dict[str, str]
    base: Base
    rights: list[Right]
    view: RoleViewKind
    # Sees the meeting, cannot act (only their consent votes).
    observer: bool


class AcknowledgementView(View):
    participant_id: str
    display_name: str
    acknowledged_at: Timestamp


class AgreementAcknowledged(Event):
    """To the moderators and to the person who acknowledged the format's ground rules."""

    type: Literal["agreement.acknowledged"] = Field("agreement.acknowledged", exclude=True)
    acknowledgement: AcknowledgementView


class ScaleSpread(View):
    """A revealed scale: how many gave each value 0–10 and the median. Never who gave which."""

    counts: list[int]
    median: float


class ScaleAnswered(Event):
    """To everyone: how many have answered a scale (not who, not what)."""

    type: Literal["scale.answered"] = Field("scale.answered", exclude=True)
    scale_id: str
    answered: int


class ScaleAnswerSaved(Event):
    """Only to the person who answered: their own answer."""

    type: Literal["scale.answer_saved"] = Field("scale.answer_saved", exclude=True)
    scale_id: str
    value: int


class ScaleRevealed(Event):
    type: Literal["scale.revealed"] = Field("scale.revealed", exclude=True)
    scale_id: str
    answered: int
    spread: ScaleSpread


def wire_name(cls: type[Event]) -> str | None:
    """The event type's wire name, or None for a base class that names none (e.g. QuestionChanged)."""
    name = cls.model_fields["type"].default
    return name or None


def all_event_types() -> dict[str, type[Event]]:
    """Every concrete event type by its wire name (for docs, tests and the generated schema)."""
    found: dict[str, type[Event]] = {}
    stack: list[type[Event]] = [Event]
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if (name := wire_name(cls)) is not None:
            found[name] = cls
    return dict(sorted(found.items()))


# Every event, told apart by `type`: a test keeps this list equal to all_event_types().
ServerEventData = Annotated[
    MeetingStarted | MeetingEnded | MeetingConfigured
    | ParticipantJoined | ParticipantUpdated | PresenceChanged | ParticipantRemoved | ParticipantBanned | ParticipantBanLifted
    | HandRaised | HandLowered | HandsCleared | FloorGiven | FloorEnded
    | QuestionSubmitted | QuestionApproved | QuestionDismissed | QuestionAnswered | QuestionKeynoteMarked
    | QuestionsCirculated | QuestionsReordered | QuestionMadeCurrent | QuestionUpvoted
    | ChatSent | ChatHidden
    | BreakoutStarted | BreakoutWarned | BreakoutExtended | BreakoutEnded | BreakoutMemberMoved | BreakoutBroadcastSent
    | StageChanged | TurnStarted | TurnPassed | TurnFinished | TurnTimeWarned | TurnTimeUp
    | FollowUpAdded | FollowUpUpdated | FollowUpRemoved | SummaryNameSet
    | ConsentChanged | ConsentPersonalChanged
    | BoardCardAdded | BoardCardChanged | BoardCardsMoved | BoardCardMerged | BoardCardHidden | BoardCardRemoved
    | BoardCardVoted | BoardMyVotesChanged | BoardPlanSigned | BoardPlanUnsigned
    | RecordPublished
    | AgreementAcknowledged | ScaleAnswered | ScaleAnswerSaved | ScaleRevealed,
    Field(discriminator="type"),
]
