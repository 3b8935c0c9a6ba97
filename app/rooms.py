"""Socket.IO room names: who receives an event."""


def meeting(meeting_id: str) -> str:
    """Everyone in the meeting."""
    return f"meeting:{meeting_id}"


def moderators(meeting_id: str) -> str:
    return f"meeting:{meeting_id}:moderators"


def participants(meeting_id: str) -> str:
    """Everyone in the meeting who is not a moderator."""
    return f"meeting:{meeting_id}:participants"


def person(participant_id: str) -> str:
    """All sockets of one person."""
    return f"participant:{participant_id}"


def breakout(room_id: str) -> str:
    return f"breakout:{room_id}"
