"""The snapshot: the whole state one person may see, sent on every (re)connect.

`Snapshot` is the typed shape of it (docs/protocol.md, "The snapshot's meeting"); the frontend's
`Snapshot` type is generated from this model (app/wire.py), so the two cannot drift.
"""

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import Field

from app import clock
from app.clock import Timestamp
from app.db import UnitOfWork
from app.events import (
    AcknowledgementView,
    BannedView,
    BreakoutView,
    ChatMessageView,
    ConsentView,
    FollowUpView,
    HandQueue,
    ParticipantView,
    PeopleCount,
    PersonalView,
    QuestionView,
    ResourceView,
    RoleView,
    SeriesPart,
    SpeakerView,
    StageView,
    View,
)
from app.formats.definition import FormatDef, Right
from app.formats.definition import View as RoleViewKind
from app.models import Language, Meeting, MeetingStatus, Participant, Question, Role
from app.rules.hand_queue import HandRule
from app.rules.time_box import TimeBoxAction
from app.services import (
    agreements,
    boards,
    breakouts,
    chat,
    consent,
    followups,
    formats,
    participants,
    questions,
    roles,
    scales,
    series,
    stages,
    summary,
    views,
)
from app.services.scales import ScaleView


def never_null(schema: dict[str, Any]) -> None:
    """A moderator-only key is absent for everyone else, never null: say so in the JSON Schema."""
    schema["anyOf"] = [s for s in schema["anyOf"] if s.get("type") != "null"]
    schema.pop("default", None)


def moderators_only() -> Any:
    """A field only moderators' snapshots carry; left out (not null) for everyone else."""
    return Field(default=None, exclude_if=lambda value: value is None, json_schema_extra=never_null)


class ChatPage(View):
    messages: list[ChatMessageView]
    has_more: bool


class MeetingSettings(View):
    # True unless the rule is "first_come" (the switch older clients know).
    fairness: bool
    hand_rule: HandRule
    hand_grace_seconds: int
    turn_time_box_seconds: int
    turn_time_box_action: TimeBoxAction


class PeopleSnapshot(PeopleCount):
    """`meeting.people`: everyone counted, and whether `meeting.participants` names them all."""

    complete: bool


class ConsentSnapshot(PersonalView, ConsentView):
    """`meeting.consent`: the room's consent view, then the viewer's own part (app/services/consent.py)."""


class BreakoutSnapshot(BreakoutView):
    """`meeting.breakout`: the running breakout, the viewer's room, and the chats of the rooms they may read."""

    my_room_id: str | None
    chats: dict[str, ChatPage]


class AgreementSnapshot(View):
    """`meeting.agreement`: the format's ground rules, whether the viewer acknowledged them, and (moderators) who did."""

    title: dict[str, str]
    principles: list[dict[str, str]]
    acknowledged: bool
    # Who acknowledged and when, oldest first.
    acknowledgements: list[AcknowledgementView] | None = moderators_only()


class MeetingSnapshot(View):
    id: str
    title: str
    # The format's id (docs/protocol.md, "Formats") and its name in the format's languages.
    format: str
    format_name: dict[str, str]
    language: Language
    status: MeetingStatus
    scheduled_for: Timestamp | None
    started_at: Timestamp | None
    ended_at: Timestamp | None
    settings: MeetingSettings
    # Everyone, in the order they joined; in a meeting larger than PEOPLE_LISTED_UP_TO, a participant's snapshot
    # names only the moderators, keynote speakers, people with a role of the format, and the viewer.
    participants: list[ParticipantView]
    people: PeopleSnapshot
    hands: HandQueue
    speaker: SpeakerView | None
    # What this person may see, in the moderator's order.
    questions: list[QuestionView]
    current_question_id: str | None
    my_upvotes: list[str]
    # The latest messages of the main room.
    chat: ChatPage
    resources: list[ResourceView]
    consent: ConsentSnapshot
    breakout: BreakoutSnapshot | None
    stage: StageView | None
    my_name_in_summary: bool
    # What the meeting leads to (everyone sees them; moderators record them).
    followups: list[FollowUpView]
    # The format's capture boards this person may see, with their cards (app/services/boards.py).
    boards: boards.BoardsSnapshot
    # The series the meeting belongs to (null for a meeting on its own).
    series: SeriesPart | None
    # Days after the end when the meeting's personal data are deleted.
    retention_days: int
    # The format's roles: their names, rights and views (the participant list names people's roles from it).
    roles: list[RoleView]
    # The format's ground rules (none: the format has no agreement) and its 0–10 scaling questions.
    agreement: AgreementSnapshot | None
    scales: list[ScaleView]
    # People removed and not let back in (participant.lift_ban lets one back).
    banned: list[BannedView] | None = moderators_only()
    join_code: str | None = moderators_only()
    join_url: str | None = moderators_only()


class You(View):
    participant_id: str
    role: Role
    display_name: str
    keynote: bool
    # The person's role of the format (one of `meeting.roles`), what it may do and the page it gets.
    format_role: str
    rights: list[Right]
    view: RoleViewKind
    observer: bool


class Snapshot(View):
    version: int
    server_time: Timestamp
    you: You
    meeting: MeetingSnapshot


async def _agreement(uow: UnitOfWork, *, meeting: Meeting, viewer: Participant, definition: FormatDef, moderator: bool) -> AgreementSnapshot | None:
    if definition.agreement is None:
        return None
    return AgreementSnapshot(
        title=definition.agreement.title,
        principles=list(definition.agreement.principles),
        acknowledged=await agreements.acknowledged(uow, meeting=meeting, person=viewer),
        acknowledgements=await agreements.views_of(uow, meeting=meeting) if moderator else None,
    )


def _listed(people: views.People, *, viewer: Participant, moderator: bool, limit: int) -> tuple[list[ParticipantView], bool]:
    """Whom the snapshot names, and whether that is everyone. A meeting of a thousand people sent each of them the
    list of all thousand: 216 KB of a 218 KB snapshot, built, sent and read a thousand times while everyone joined.
    A participant's page shows the counts there and names the people with a part to play; moderators get everyone."""
    if moderator or len(people.everyone) <= limit:
        return people.everyone, True
    own = views.participant(viewer)
    return (people.named if views.named(own) else [*people.named, own]), False


async def build(uow: UnitOfWork, *, meeting: Meeting, viewer: Participant, public_url: str, people_limit: int) -> Snapshot:
    [built] = await build_all(uow, meeting=meeting, viewers=[viewer], public_url=public_url, people_limit=people_limit)
    return built


async def build_all(uow: UnitOfWork, *, meeting: Meeting, viewers: Sequence[Participant], public_url: str, people_limit: int) -> list[Snapshot]:
    """The snapshots of these people of one meeting, read in one transaction (a join storm welcomes people in
    groups, app/realtime/welcome.py): what is the same for everyone is read once, and what differs per person in
    a few statements for all of them. `_common` is not given a viewer, so nothing personal can be shared between
    two people's snapshots."""
    common = await _common(uow, meeting)
    each = await _Each.read(uow, meeting, viewers)
    return [
        await _personal(uow, meeting=meeting, viewer=viewer, common=common, each=each, public_url=public_url, people_limit=people_limit)
        for viewer in viewers
    ]


@dataclass
class _Each:
    """What differs per viewer, read for all the viewers at once; `_personal` takes each viewer's own part."""

    people: views.People
    questions: list[tuple[Question, QuestionView]]
    upvotes: dict[str, list[str]]
    consent: consent.Loaded
    breakouts: dict[str, dict | None]
    named_in_summary: set[str]

    @classmethod
    async def read(cls, uow: UnitOfWork, meeting: Meeting, viewers: Sequence[Participant]) -> "_Each":
        ids = {v.id for v in viewers}
        rows = await questions.in_order(uow, meeting=meeting)
        return cls(
            # Kept per meeting version (app/services/views.py): the same for every snapshot between two changes.
            people=await views.people(uow, meeting),
            questions=list(zip(rows, await views.questions(uow, rows), strict=True)),
            upvotes=await questions.upvotes_of(uow, meeting=meeting, participant_ids=ids),
            consent=await consent.for_snapshots(uow, meeting_id=meeting.id),
            breakouts=await breakouts.snapshot_views(uow, meeting=meeting, viewers=viewers),
            named_in_summary=await summary.names_shared(uow, participant_ids=ids),
        )


# What every snapshot of a meeting holds alike, kept per meeting version like the participant list
# (app/services/views.py): in a join storm each group of arrivals read it again at the same version. Only what
# changes with a new version is kept; the follow-ups (flagged overdue by the timer) and the series (its updates
# and its roster's presence) are read each time.
_KEPT: OrderedDict[str, tuple[int, dict[str, Any]]] = OrderedDict()
KEPT = 256


async def _common(uow: UnitOfWork, meeting: Meeting) -> dict[str, Any]:
    """The parts of `meeting` every viewer's snapshot holds alike."""
    kept = _KEPT.get(meeting.id)
    if kept is not None and kept[0] == meeting.version:
        _KEPT.move_to_end(meeting.id)
        common = kept[1]
    else:
        common = await _versioned(uow, meeting)
        _KEPT[meeting.id] = (meeting.version, common)
        _KEPT.move_to_end(meeting.id)
        while len(_KEPT) > KEPT:
            _KEPT.popitem(last=False)
    return {
        **common,
        "followups": [followups.view(f) for f in await followups.of_meeting(uow, meeting=meeting)],
        "series": await series.part(uow, meeting=meeting),
    }


async def _versioned(uow: UnitOfWork, meeting: Meeting) -> dict[str, Any]:
    """What every snapshot holds alike and only a change of the meeting (a new version) changes. Hands go away
    without one when their people leave; the timer announces that with a new version (as in views.people)."""
    messages, more = await chat.history(uow, meeting=meeting, room_id=None, before=None, limit=chat.HISTORY_IN_SNAPSHOT)
    definition = formats.of_meeting(meeting)
    return dict(
        id=meeting.id,
        title=meeting.title,
        format=meeting.format,
        format_name=definition.name,
        language=meeting.language,
        status=meeting.status,
        scheduled_for=meeting.scheduled_for,
        started_at=meeting.started_at,
        ended_at=meeting.ended_at,
        settings=MeetingSettings(
            fairness=meeting.fairness,
            hand_rule=meeting.hand_rule,
            hand_grace_seconds=meeting.hand_grace_seconds,
            turn_time_box_seconds=meeting.turn_time_box_seconds,
            turn_time_box_action=meeting.turn_time_box_action,
        ),
        hands=await views.queue(uow, meeting),
        speaker=await views.speaker(uow, meeting),
        current_question_id=meeting.current_question_id,
        chat=ChatPage(messages=messages, has_more=more),
        resources=await chat.resources(uow, meeting=meeting),
        stage=await stages.view(uow, meeting),
        retention_days=meeting.retention_days,
        roles=roles.role_views(definition),
    )


async def _personal(
    uow: UnitOfWork, *, meeting: Meeting, viewer: Participant, common: dict[str, Any], each: _Each, public_url: str, people_limit: int
) -> Snapshot:
    moderator = viewer.role == Role.moderator
    definition = formats.of_meeting(meeting)
    people = each.people
    breakout = each.breakouts[viewer.id]
    listed, complete = _listed(people, viewer=viewer, moderator=moderator, limit=people_limit)
    state = MeetingSnapshot(
        **common,
        participants=listed,
        people=PeopleSnapshot(total=len(people.everyone), online=people.online, complete=complete),
        questions=[shown for question, shown in each.questions if questions.visible_to(question, viewer)],
        my_upvotes=each.upvotes[viewer.id],
        consent=ConsentSnapshot.model_validate(consent.view_of(each.consent, viewer)),
        breakout=BreakoutSnapshot.model_validate(breakout) if breakout is not None else None,
        my_name_in_summary=viewer.id in each.named_in_summary,
        boards=await boards.snapshot(uow, meeting=meeting, viewer=viewer),
        agreement=await _agreement(uow, meeting=meeting, viewer=viewer, definition=definition, moderator=moderator),
        scales=await scales.views(uow, meeting=meeting, viewer=viewer),
        banned=await participants.banned_list(uow, meeting) if moderator else None,
        join_code=meeting.join_code if moderator else None,
        join_url=f"{public_url}/join/{meeting.join_code}" if moderator else None,
    )
    role = roles.role_of(definition, viewer)
    you = You(
        participant_id=viewer.id, role=viewer.role, display_name=viewer.display_name, keynote=viewer.keynote,
        format_role=role.id, rights=roles.rights_of(definition, viewer), view=roles.view_of(definition, viewer),
        observer=role.observer and not roles.is_moderator(definition, viewer),
    )
    return Snapshot(version=meeting.version, server_time=clock.now(), you=you, meeting=state)
