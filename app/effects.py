"""Effects: what a change asks of the world besides its rows and its events, as data.

A service records an effect on its unit of work (`uow.effect(...)`) and never carries it out itself.
Each effect type has exactly one handler, wired once at start-up (`app/main.py`), and the edge runs them:

- a `Decision` is carried out inside the change's transaction, before commit: its rows (a webhook in the
  outbox, for instance) commit or roll back with the change that caused it;
- an `AfterCommit` effect is carried out once the change is committed: sockets, files, waking a sender.
  A change that fails commits nothing and its effects are dropped.

The consent service decides (stop, delete, share) and the recordings side carries the decisions out,
so consent never needs to know about webhooks or media files.
"""

from dataclasses import dataclass


class Decision:
    """Carried out inside the transaction that recorded it."""


class AfterCommit:
    """Carried out after the transaction that recorded it has committed."""


# Decisions of the consent rule, carried out by the recordings side ---------------------------------


@dataclass(frozen=True)
class StopRecording(Decision):
    """The recording service must stop this recording (the meeting no longer allows it)."""

    recording_id: str


@dataclass(frozen=True)
class DeleteRecording(Decision):
    """This recording is deleted: its media must go, then the recording service is told."""

    recording_id: str


@dataclass(frozen=True)
class ShareRecording(Decision):
    """Everyone agreed: the recording service may publish this recording."""

    recording_id: str


# After commit -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SocketMove:
    sid: str
    leave: str | None
    enter: str | None


@dataclass(frozen=True)
class MoveSockets(AfterCommit):
    """Move these live sockets between Socket.IO rooms (on whichever process holds them)."""

    moves: tuple[SocketMove, ...]


@dataclass(frozen=True)
class CloseRooms(AfterCommit):
    """Empty these Socket.IO rooms on every process."""

    rooms: tuple[str, ...]


@dataclass(frozen=True)
class Disconnect(AfterCommit):
    """Close every socket of this person (their token no longer works)."""

    participant_id: str
    sids: tuple[str, ...]


@dataclass(frozen=True)
class PurgeMedia(AfterCommit):
    """Remove these recordings' media and any upload in progress, at once."""

    recording_ids: tuple[str, ...]


@dataclass(frozen=True)
class WakeOutbox(AfterCommit):
    """New webhooks are waiting to be sent."""


@dataclass(frozen=True)
class WakeMail(AfterCommit):
    """New mails are waiting to be sent."""


Effect = Decision | AfterCommit

# Every effect type: start-up checks that each has its handler.
ALL: tuple[type[Effect], ...] = (StopRecording, DeleteRecording, ShareRecording, MoveSockets, CloseRooms, Disconnect, PurgeMedia, WakeOutbox, WakeMail)
