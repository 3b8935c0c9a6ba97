"""Domain errors: a code, a message for people and an HTTP status, same on REST and socket.

`ErrorCode` is the one catalogue of every code a client may receive. A DomainError's code must be one of
them (checked when the class is defined and when an error is made with another code); the catalogue is
exported to the frontend (app/wire.py), and a test checks that every code has a string in every page
language.
"""

from enum import StrEnum


class ErrorCode(StrEnum):
    # Any request.
    invalid_input = "invalid_input"
    unauthorized = "unauthorized"
    forbidden = "forbidden"
    not_found = "not_found"
    method_not_allowed = "method_not_allowed"
    conflict = "conflict"
    too_large = "too_large"
    rate_limited = "rate_limited"
    internal_error = "internal_error"
    # Meetings and people.
    meeting_ended = "meeting_ended"
    meeting_not_live = "meeting_not_live"
    meeting_already_live = "meeting_already_live"
    banned = "banned"
    last_moderator = "last_moderator"
    # Hands and the floor.
    hand_already_raised = "hand_already_raised"
    no_hand_raised = "no_hand_raised"
    queue_empty = "queue_empty"
    nobody_speaking = "nobody_speaking"
    # Questions and chat.
    question_not_approved = "question_not_approved"
    question_dismissed = "question_dismissed"
    already_upvoted = "already_upvoted"
    already_approved = "already_approved"
    already_dismissed = "already_dismissed"
    already_hidden = "already_hidden"
    nothing_to_circulate = "nothing_to_circulate"
    not_a_chat_question = "not_a_chat_question"
    already_promoted = "already_promoted"
    # Breakouts.
    breakout_active = "breakout_active"
    no_breakout = "no_breakout"
    breakout_ended = "breakout_ended"
    rooms_assigned = "rooms_assigned"
    no_rooms = "no_rooms"
    already_in_room = "already_in_room"
    # Stages and turns.
    no_stages = "no_stages"
    not_a_turn_stage = "not_a_turn_stage"
    no_turns_left = "no_turns_left"
    turns_remaining = "turns_remaining"
    already_in_stage = "already_in_stage"
    last_stage = "last_stage"
    already_their_turn = "already_their_turn"
    turn_over = "turn_over"
    # Consent and recordings.
    consent_required = "consent_required"
    ballot_not_possible = "ballot_not_possible"
    ballot_already_open = "ballot_already_open"
    no_ballot_open = "no_ballot_open"
    already_voted = "already_voted"
    not_eligible = "not_eligible"
    invalid_choice = "invalid_choice"
    nothing_to_withdraw = "nothing_to_withdraw"
    recording_not_permitted = "recording_not_permitted"
    recording_exists = "recording_exists"
    recording_deleted = "recording_deleted"
    recording_not_shared = "recording_not_shared"
    media_locked = "media_locked"
    # Forms.
    form_not_open = "form_not_open"
    form_closed = "form_closed"
    not_in_audience = "not_in_audience"
    already_answered = "already_answered"
    unknown_question = "unknown_question"
    form_has_answers = "form_has_answers"
    # Capture boards.
    board_closed = "board_closed"
    board_feature_off = "board_feature_off"
    anonymous_not_allowed = "anonymous_not_allowed"
    tag_not_allowed = "tag_not_allowed"
    not_hidden = "not_hidden"
    vote_budget_spent = "vote_budget_spent"
    card_vote_limit = "card_vote_limit"
    no_dot_to_remove = "no_dot_to_remove"
    already_signed = "already_signed"
    not_signed = "not_signed"
    # Formats as data.
    not_in_this_stage = "not_in_this_stage"
    format_exists = "format_exists"
    too_many_formats = "too_many_formats"
    # The take-home record.
    record_not_published = "record_not_published"
    meeting_not_ended = "meeting_not_ended"
    record_no_lead = "record_no_lead"
    # Roles of the format, the agreement gate and scaling.
    not_allowed_for_role = "not_allowed_for_role"
    observer_cannot_act = "observer_cannot_act"
    waiting_for_stage = "waiting_for_stage"
    agreement_required = "agreement_required"
    no_agreement = "no_agreement"
    role_link_invalid = "role_link_invalid"
    scale_not_open = "scale_not_open"
    scale_revealed = "scale_revealed"
    too_few_answers = "too_few_answers"


def known(code: str) -> ErrorCode:
    """The catalogue's code; a ValueError for a code the catalogue does not list (a bug, found by tests)."""
    try:
        return ErrorCode(code)
    except ValueError:
        raise ValueError(f"error code {code!r} is not in app.errors.ErrorCode") from None


class DomainError(Exception):
    code: str = ErrorCode.invalid_input
    status = 400
    message = "The request is not valid."

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        known(cls.code)

    def __init__(self, message: str | None = None, *, code: str | None = None, status: int | None = None):
        self.message = message or self.message
        if code:
            self.code = known(code)
        if status:
            self.status = status
        super().__init__(self.message)

    def body(self) -> dict:
        return {"code": str(self.code), "message": self.message}
class InvalidInput(DomainError):
    code, status = "invalid_input", 422


class Unauthorized(DomainError):
    code, status, message = "unauthorized", 401, "A valid token is needed."


class Forbidden(DomainError):
    code, status, message = "forbidden", 403, "You are not allowed to do this."


class NotFound(DomainError):
    code, status, message = "not_found", 404, "Not found."


class Conflict(DomainError):
    code, status = "conflict", 409


class TooLarge(DomainError):
    code, status, message = "too_large", 413, "The request is too large."


class RateLimited(DomainError):
    code, status, message = "rate_limited", 429, "Too many requests; wait a moment."


class MeetingEnded(Conflict):
    code, message = "meeting_ended", "The meeting has ended."


class MeetingNotLive(Conflict):
    code, message = "meeting_not_live", "The meeting has not started."
