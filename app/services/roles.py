"""Who may do what: a person's role in the meeting's format and its rights (app/formats/definition.py).

Every command declares what it needs (`Access`: a right, whether it is taking part, whether an observer may
send it, whether it waits for the format's agreement); the dispatcher calls `check_access` once, before the
handler runs. `check_taking_part` is the one place that knows an `only_roles` stage leaves the others waiting:
boards and any other contribution call it (or declare `takes_part=True`).
"""

from dataclasses import dataclass

from sqlmodel import col, select

from app import rooms
from app.db import UnitOfWork
from app.effects import Disconnect
from app.errors import Conflict, Forbidden, InvalidInput
from app.events import HandLowered, ParticipantUpdated, RoleView
from app.formats.definition import Base, FormatDef, Right, RoleDef, StageDef, View, text_in
from app.models import Connection, Hand, Meeting, MeetingStage, Participant, Role
from app.services import formats, participants, views


class NotAllowedForRole(Forbidden):
    code, message = "not_allowed_for_role", "Your role in this meeting does not allow this."


class ObserverCannotAct(Forbidden):
    code, message = "observer_cannot_act", "You are observing this meeting: you can follow it, not take part."


class WaitingForStage(Forbidden):
    code, message = "waiting_for_stage", "This part of the meeting is for other roles; please wait until it ends."


class LastModerator(Conflict):
    code, message = "last_moderator", "The meeting needs another moderator before this one takes another role."


@dataclass(frozen=True)
class Access:
    """What a command needs of the person sending it, besides being a moderator when it is moderator-only."""

    # The rights the person's role must grant (moderators hold every right).
    rights: tuple[Right, ...] = ()
    # Speaking, chatting, adding to a board: refused while an `only_roles` stage leaves this person waiting.
    takes_part: bool = False
    # An observer may send it (their consent votes); every other command is refused to observers.
    observer: bool = False
    # Refused until the person has acknowledged the format's agreement (when it has one).
    agreement: bool = True


def role_of(definition: FormatDef, person: Participant) -> RoleDef:
    return _role(definition, base=person.role, format_role=person.format_role)


def _role(definition: FormatDef, *, base: Role, format_role: str | None) -> RoleDef:
    if format_role is not None:
        return definition.role(format_role)
    if base == Role.moderator:
        return definition.role("moderator")
    return definition.role(definition.default_role)


def is_moderator(definition: FormatDef, person: Participant) -> bool:
    return person.role == Role.moderator or role_of(definition, person).base == Base.moderator


def holds(definition: FormatDef, *, base: Role, format_role: str | None, right: Right) -> bool:
    """`may`, from the two columns alone (for queries that read plain columns, such as the hand queue)."""
    role = _role(definition, base=base, format_role=format_role)
    if base == Role.moderator or role.base == Base.moderator:
        return True
    return not role.observer and right in role.rights


def may(definition: FormatDef, person: Participant, right: Right) -> bool:
    return holds(definition, base=person.role, format_role=person.format_role, right=right)


def rights_of(definition: FormatDef, person: Participant) -> list[Right]:
    return sorted(r for r in Right if may(definition, person, r))


def require(definition: FormatDef, person: Participant, right: Right) -> None:
    if not may(definition, person, right):
        role = role_of(definition, person)
        if role.observer:
            raise ObserverCannotAct()
        raise NotAllowedForRole(f"Your role ({role.name['en']}) does not allow this here.")


async def current_stage(uow: UnitOfWork, meeting: Meeting, definition: FormatDef | None = None) -> StageDef | None:
    """The stage the meeting is in, as the format defines it (none: a format without stages)."""
    definition = definition or formats.of_meeting(meeting)
    if not definition.stages:
        return None
    row = await uow.session.get(MeetingStage, meeting.id)
    return (definition.stage(row.stage) if row else None) or definition.stages[0]


def waits_in(stage: StageDef | None, definition: FormatDef, person: Participant) -> bool:
    """An `only_roles` stage leaves everyone outside those roles (and not a moderator) waiting."""
    if stage is None or not stage.only_roles or is_moderator(definition, person):
        return False
    return role_of(definition, person).id not in stage.only_roles


async def check_taking_part(uow: UnitOfWork, *, meeting: Meeting, actor: Participant) -> None:
    """Refuses speaking, chatting and adding to a board to someone the current stage leaves waiting."""
    definition = formats.of_meeting(meeting)
    stage = await current_stage(uow, meeting, definition)
    if waits_in(stage, definition, actor):
        assert stage is not None
        raise WaitingForStage(f"“{text_in(stage.name, meeting.language)}” is for other roles; please wait until it ends.")


async def check_access(uow: UnitOfWork, *, meeting: Meeting, actor: Participant, access: Access) -> None:
    definition = formats.of_meeting(meeting)
    role = role_of(definition, actor)
    moderator = is_moderator(definition, actor)
    if role.observer and not moderator:
        if not access.observer:
            raise ObserverCannotAct()
        return
    if access.agreement and definition.agreement is not None:
        # Imported here: the agreement's service reads roles for its views.
        from app.services import agreements

        await agreements.check_acknowledged(uow, meeting=meeting, actor=actor)
    for right in access.rights:
        require(definition, actor, right)
    if access.takes_part and not moderator:
        await check_taking_part(uow, meeting=meeting, actor=actor)


def role_views(definition: FormatDef) -> list[RoleView]:
    """The format's roles as pages show them: the base roles, then the format's own."""
    listed = [r.id for r in definition.roles]
    every = [definition.role(r) for r in ("moderator", "participant") if r not in listed] + list(definition.roles)
    return [role_view(r) for r in every]


def role_view(role: RoleDef) -> RoleView:
    rights = sorted(Right) if role.base == Base.moderator else ([] if role.observer else sorted(role.rights))
    return RoleView(id=role.id, name=role.name, base=role.base, rights=rights, view=role.view, observer=role.observer)


def check_role_id(definition: FormatDef, role_id: str) -> RoleDef:
    if role_id not in {r.id for r in definition.roles} | {"moderator", "participant"}:
        known = ", ".join(r.id for r in role_views(definition))
        raise InvalidInput(f"role: this meeting's format has no role {role_id!r}; its roles are {known}.")
    return definition.role(role_id)


def view_of(definition: FormatDef, person: Participant) -> View:
    return View.full if is_moderator(definition, person) else role_of(definition, person).view


def give(definition: FormatDef, person: Participant, role: RoleDef) -> None:
    """Writes a person's format role, and the keynote mark a keynote role carries: taking such a role marks the
    person as a keynote speaker, leaving it unmarks them; other changes of role keep a mark set by itself."""
    before = role_of(definition, person)
    person.format_role = role.id
    if role.keynote or before.keynote:
        person.keynote = role.keynote


async def set_keynote(uow: UnitOfWork, *, meeting: Meeting, participant_id: str, keynote: bool) -> None:
    """Marks or unmarks a keynote speaker. Where the format has a keynote role, a participant is given that role
    (unmarking gives them the format's default role back), so that their role and their mark always agree; a
    moderator, or anyone in a format without a keynote role, gets the mark alone."""
    definition = formats.of_meeting(meeting)
    speaker = next((r for r in definition.roles if r.keynote), None)
    person = await participants.get_member(uow, meeting, participant_id)
    current = role_of(definition, person)
    if speaker is not None and not is_moderator(definition, person):
        wanted = speaker if keynote else (definition.role(definition.default_role) if current.keynote else current)
        if wanted.id != current.id:
            await set_role(uow, meeting=meeting, participant_id=participant_id, role_id=wanted.id)
            return
    await participants.set_keynote(uow, meeting=meeting, participant_id=participant_id, keynote=keynote)


async def set_role(uow: UnitOfWork, *, meeting: Meeting, participant_id: str, role_id: str) -> None:
    """A moderator gives someone a role of the format. A moderator-based role makes the person a moderator
    (as a co-moderator is); a participant-based one makes a moderator a participant again, while another
    moderator remains. When the base changes the person's sockets are closed: the page reconnects and gets
    the snapshot and the rooms of the new role."""
    definition = formats.of_meeting(meeting)
    role = check_role_id(definition, role_id)
    person = await participants.get_member(uow, meeting, participant_id)
    base = Role.moderator if role.base == Base.moderator else Role.participant
    if person.role == Role.moderator and base == Role.participant:
        others = (
            await uow.session.exec(
                select(Participant.id).where(
                    Participant.meeting_id == meeting.id, Participant.role == Role.moderator, col(Participant.removed_at).is_(None),
                    Participant.id != person.id,
                )
            )
        ).all()
        if not others:
            raise LastModerator()
    changed_base = person.role != base
    give(definition, person, role)
    person.role = base
    await uow.change(meeting.id, ParticipantUpdated(participant=views.participant(person)), to=rooms.meeting(meeting.id))
    if not may(definition, person, Right.queued):
        # Someone who is not queued (a conference's focal person) leaves the hand queue with the new role.
        hand = (await uow.session.exec(select(Hand).where(Hand.meeting_id == meeting.id, Hand.participant_id == person.id))).first()
        if hand is not None:
            await uow.session.delete(hand)
            await uow.session.flush()
            await uow.change(meeting.id, HandLowered(participant_id=person.id, reason="lowered_by_moderator"), to=rooms.meeting(meeting.id))
    if changed_base:
        sids = (await uow.session.exec(select(Connection.sid).where(Connection.participant_id == person.id))).all()
        uow.effect(Disconnect(person.id, tuple(sids)))
