"""Organisers: keys per person (made and revoked from the command line), who may see which meeting, sharing.

An organiser sees the meetings they made and those shared with them; to anyone else a meeting does not exist
(404, never 403), so a key learns nothing about other organisers' meetings.
"""

from sqlalchemy import ColumnElement
from sqlmodel import and_, col, or_, select

from app import ids
from app.db import UnitOfWork
from app.errors import Conflict, Forbidden, InvalidInput, NotFound, Unauthorized
from app.models import BOOTSTRAP_ORGANISER_ID, Meeting, MeetingShare, Organiser
from app.rules import names


def check_organiser_name(raw: str) -> str:
    try:
        name = names.clean_text(raw, what="An organiser's name")
    except names.NameRefused as exc:
        raise InvalidInput(f"name: {exc}") from None
    if not name or len(name) > 80:
        raise InvalidInput("name: give 1 to 80 characters.")
    return name


async def add(uow: UnitOfWork, *, name: str) -> tuple[Organiser, str]:
    """A new organiser and their key (returned once; only its hash is kept). Names are unique among active ones,
    so that a meeting can be shared by name."""
    name = check_organiser_name(name)
    if await _active_by_name(uow, name) is not None:
        raise Conflict(f"An organiser named {name!r} exists already.")
    key = ids.new_token()
    organiser = Organiser(id=ids.new_id(), name=name, key_hash=ids.hash_token(key), created_at=uow.now)
    uow.session.add(organiser)
    await uow.session.flush()
    return organiser, key


async def all_organisers(uow: UnitOfWork) -> list[Organiser]:
    return list((await uow.session.exec(select(Organiser).order_by(col(Organiser.created_at), col(Organiser.id)))).all())


async def revoke(uow: UnitOfWork, *, organiser_id: str) -> Organiser:
    """The key stops working at once. The organiser's meetings stay (and stay shared with whom they were)."""
    organiser = await uow.session.get(Organiser, organiser_id)
    if organiser is None:
        raise NotFound("No organiser has this id.")
    if organiser.revoked_at is None:
        organiser.revoked_at = uow.now
    return organiser


async def authenticate(uow: UnitOfWork, key: str, *, bootstrap_key: str | None) -> Organiser:
    """The organiser holding this key. The bootstrap key is compared with the setting (or generated file)."""
    if not key or len(key) > 200:
        raise Unauthorized("The organiser key is not valid.")
    organiser: Organiser | None
    if bootstrap_key and ids.same_secret(key, bootstrap_key):
        organiser = await uow.session.get(Organiser, BOOTSTRAP_ORGANISER_ID)
    else:
        digest = ids.hash_token(key)
        organiser = (await uow.session.exec(select(Organiser).where(Organiser.key_hash == digest))).first()
        # Looked up by hash; compared again in constant time, as participants' tokens are.
        if organiser is not None and not ids.same_secret(organiser.key_hash or "", digest):
            organiser = None
    if organiser is None or organiser.revoked_at is not None:
        raise Unauthorized("The organiser key is not valid.")
    return organiser


def visible_to(organiser_id: str, *, erased: bool = False) -> ColumnElement[bool]:
    """The condition on Meeting: made by this organiser, or shared with them; an erased meeting only if asked."""
    shared = select(MeetingShare.meeting_id).where(MeetingShare.organiser_id == organiser_id)
    mine = or_(col(Meeting.organiser_id) == organiser_id, col(Meeting.id).in_(shared))
    return mine if erased else and_(mine, col(Meeting.erased_at).is_(None))


async def meeting_of(uow: UnitOfWork, *, organiser: Organiser, meeting_id: str, erased: bool = False) -> Meeting:
    """A meeting this organiser may see; any other (another organiser's, unknown, erased unless `erased`) is simply
    not found. The proof of consent outlives the erasure of the meeting's personal data, so it asks for erased ones."""
    meeting = (await uow.session.exec(select(Meeting).where(col(Meeting.id) == meeting_id, visible_to(organiser.id, erased=erased)))).first()
    if meeting is None:
        raise NotFound("No such meeting.")
    return meeting


async def share(uow: UnitOfWork, *, organiser: Organiser, meeting_id: str, with_id: str | None, with_name: str | None) -> Organiser:
    """The meeting's own organiser shares it with another (active) organiser, named by id or by name."""
    meeting = await meeting_of(uow, organiser=organiser, meeting_id=meeting_id)
    if meeting.organiser_id != organiser.id:
        raise Forbidden("Only the organiser who made the meeting can share it.")
    if (with_id is None) == (with_name is None):
        raise InvalidInput("Send either organiser_id or organiser_name.")
    other = await uow.session.get(Organiser, with_id) if with_id is not None else await _active_by_name(uow, check_organiser_name(with_name or ""))
    if other is None or other.revoked_at is not None:
        raise NotFound("No active organiser has this id or name.")
    if other.id == organiser.id:
        raise InvalidInput("The meeting is yours already.")
    if await uow.session.get(MeetingShare, (meeting.id, other.id)) is None:
        uow.session.add(MeetingShare(meeting_id=meeting.id, organiser_id=other.id, shared_at=uow.now))
        await uow.session.flush()
    return other


async def unshare(uow: UnitOfWork, *, organiser: Organiser, meeting_id: str, other_id: str) -> None:
    meeting = await meeting_of(uow, organiser=organiser, meeting_id=meeting_id)
    if meeting.organiser_id != organiser.id:
        raise Forbidden("Only the organiser who made the meeting can stop sharing it.")
    row = await uow.session.get(MeetingShare, (meeting.id, other_id))
    if row is None:
        raise NotFound("The meeting is not shared with this organiser.")
    await uow.session.delete(row)


async def shared_with(uow: UnitOfWork, *, meeting_id: str) -> list[Organiser]:
    statement = (
        select(Organiser)
        .join(MeetingShare, col(MeetingShare.organiser_id) == col(Organiser.id))
        .where(MeetingShare.meeting_id == meeting_id)
        .order_by(col(Organiser.name))
    )
    return list((await uow.session.exec(statement)).all())


async def _active_by_name(uow: UnitOfWork, name: str) -> Organiser | None:
    rows = (await uow.session.exec(select(Organiser).where(col(Organiser.revoked_at).is_(None)))).all()
    return next((o for o in rows if o.name.casefold() == name.casefold()), None)
