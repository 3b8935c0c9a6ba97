"""Recordings as the recording service sees them: permission, registration, stop, media; and carrying out
what consent decides (a webhook for each decision, the media removed on deletion).

Consent decides and never looks here; this module asks consent and carries out its decisions.
"""

from typing import Any

from app import clock, ids
from app.adapters import webhook_outbox as outbox
from app.adapters.media_storage import Upload
from app.db import UnitOfWork
from app.effects import DeleteRecording, PurgeMedia, ShareRecording, StopRecording
from app.errors import Conflict, DomainError, NotFound
from app.models import Meeting, MeetingStatus, Recording
from app.rules import consent as rule
from app.services import consent


class RecordingGone(DomainError):
    code, status, message = "recording_deleted", 410, "The recording has been deleted."


class NotShared(Conflict):
    code, message = "recording_not_shared", "The recording is available only once everyone agreed to share it."


REASONS = {
    rule.ConsentState.undecided: "Nobody has been asked yet: a moderator opens the opening ballot first.",
    rule.ConsentState.opening_ballot: "The participants are deciding whether the meeting may be recorded.",
    rule.ConsentState.private: "The meeting is private: no recording may be made.",
    rule.ConsentState.recording_allowed: "Everyone present agreed to recording.",
    rule.ConsentState.recording: "Everyone present agreed to recording; a recording is running.",
    rule.ConsentState.closing_ballot: "The participants are deciding what happens to the recording; no more recording.",
    rule.ConsentState.shared: "The recording was shared; no more recording.",
    rule.ConsentState.deleted: "The recording was deleted and the meeting is private: no recording may be made.",
}


def view(r: Recording) -> dict[str, Any]:
    media = None
    if r.media_sha256 is not None:
        media = {"size": r.media_size, "sha256": r.media_sha256, "content_type": r.media_content_type}
    return {
        "id": r.id,
        "meeting_id": r.meeting_id,
        "external_id": r.external_id,
        "status": r.status,
        "started_at": clock.iso(r.started_at),
        "stopped_at": clock.iso(r.stopped_at) if r.stopped_at else None,
        "deleted_at": clock.iso(r.deleted_at) if r.deleted_at else None,
        "media": media,
    }


async def permission(uow: UnitOfWork, *, meeting_id: str) -> dict[str, Any]:
    meeting = await uow.session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound("No such meeting.")
    state = (await consent.load(uow, meeting_id)).consent
    allowed = rule.permitted(state) and meeting.status != MeetingStatus.ended
    reason = REASONS[state.state] if meeting.status != MeetingStatus.ended else "The meeting has ended."
    return {"meeting_id": meeting_id, "allowed": allowed, "state": state.state.value, "reason": reason}


async def register(uow: UnitOfWork, *, meeting_id: str, service: str, external_id: str, callback_url: str | None) -> Recording:
    meeting = await uow.lock_meeting(meeting_id)
    if meeting.status == MeetingStatus.ended:
        raise rule.RecordingNotPermitted("The meeting has ended.")
    recording = Recording(
        id=ids.new_id(),
        meeting_id=meeting_id,
        service=service,
        external_id=external_id,
        callback_url=callback_url,
        status=rule.RecordingStatus.recording,
        started_at=uow.now,
    )
    await consent.happen(uow, meeting_id, rule.RecordingStarted(recording.id), new_recording=recording)
    return recording


async def owned(uow: UnitOfWork, *, recording_id: str, service: str | None, meeting_id: str | None = None) -> Recording:
    """The recording, if this service registered it (or, for a moderator, if it belongs to their meeting)."""
    recording = await uow.session.get(Recording, recording_id)
    if recording is None or (service is not None and not ids.same_secret(recording.service, service)):
        raise NotFound("No such recording.")
    if meeting_id is not None and recording.meeting_id != meeting_id:
        raise NotFound("No such recording.")
    return recording


async def stop(uow: UnitOfWork, *, recording_id: str, service: str) -> Recording:
    recording = await owned(uow, recording_id=recording_id, service=service)
    await uow.lock_meeting(recording.meeting_id)
    await consent.happen(uow, recording.meeting_id, rule.RecordingStopped(recording.id))
    return recording


async def check_upload_possible(uow: UnitOfWork, *, recording_id: str, service: str) -> Recording:
    recording = await owned(uow, recording_id=recording_id, service=service)
    if recording.status == rule.RecordingStatus.deleted:
        raise rule.RecordingDeleted()
    if recording.status in (rule.RecordingStatus.awaiting_decision, rule.RecordingStatus.shared):
        raise rule.MediaLocked()
    return recording


async def store_media(uow: UnitOfWork, *, recording_id: str, service: str, upload: Upload, content_type: str, final_path: Any) -> Recording:
    """Keep an upload that has arrived whole, unless the recording was deleted meanwhile (then nothing is kept)."""
    recording = await owned(uow, recording_id=recording_id, service=service)
    await uow.lock_meeting(recording.meeting_id)
    try:
        await consent.happen(uow, recording.meeting_id, rule.MediaStored(recording.id))
    except rule.RecordingDeleted:
        upload.path.unlink(missing_ok=True)
        raise
    # Under the meeting's lock: a deletion either came before (refused above) or comes after and removes this file.
    upload.path.replace(final_path)
    recording.media_size = upload.size
    recording.media_sha256 = upload.sha256
    recording.media_content_type = content_type
    return recording


async def check_media_readable(uow: UnitOfWork, *, recording_id: str, service: str | None, meeting_id: str | None) -> Recording:
    recording = await owned(uow, recording_id=recording_id, service=service, meeting_id=meeting_id)
    if recording.status == rule.RecordingStatus.deleted:
        raise RecordingGone()
    if recording.status != rule.RecordingStatus.shared:
        raise NotShared()
    if recording.media_sha256 is None:
        raise NotFound("No media has been uploaded for this recording.")
    return recording


# Carrying out consent's decisions, inside the transaction that made them (wired in app/main.py) ---------


async def _decided(uow: UnitOfWork, recording_id: str) -> Recording:
    recording = await uow.session.get(Recording, recording_id)
    if recording is None:
        raise rule.UnknownRecording()
    return recording


async def carry_out_stop(uow: UnitOfWork, decision: StopRecording) -> None:
    outbox.enqueue(uow, await _decided(uow, decision.recording_id), "recording.stop")


async def carry_out_delete(uow: UnitOfWork, decision: DeleteRecording) -> None:
    # The media goes right after commit; the sender removes it again, if need be, before it sends `recording.delete`.
    outbox.enqueue(uow, await _decided(uow, decision.recording_id), "recording.delete")
    uow.effect(PurgeMedia((decision.recording_id,)))


async def carry_out_share(uow: UnitOfWork, decision: ShareRecording) -> None:
    outbox.enqueue(uow, await _decided(uow, decision.recording_id), "recording.shared")
