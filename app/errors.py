"""Domain errors: a code, a message for people and an HTTP status, same on REST and socket."""


class DomainError(Exception):
    code = "invalid_input"
    status = 400
    message = "The request is not valid."

    def __init__(self, message: str | None = None, *, code: str | None = None, status: int | None = None):
        self.message = message or self.message
        if code:
            self.code = code
        if status:
            self.status = status
        super().__init__(self.message)

    def body(self) -> dict:
        return {"code": self.code, "message": self.message}


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
