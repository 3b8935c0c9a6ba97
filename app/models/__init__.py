"""All tables, imported here so that Alembic sees one metadata."""

from app.models.breakout import Assignment, Breakout, BreakoutEndReason, BreakoutKind, BreakoutMember, BreakoutRoom
from app.models.chat import ChatKind, ChatMessage
from app.models.command import CommandResult
from app.models.consent import Consent, ConsentAsked, ConsentAudit, ConsentVote, ConsentWitness
from app.models.form import Form, FormAnswer, FormPendingAnswer, FormRespondent
from app.models.hand import Hand
from app.models.meeting import Language, Meeting, MeetingFormat, MeetingStatus
from app.models.participant import Connection, Participant, Role
from app.models.question import Question, QuestionStatus, QuestionUpvote
from app.models.recording import Recording, RecordingEvent
from app.models.stage import FloorTurn, FollowUp, MeetingStage, Stage, SummaryName, Turn, TurnStatus

__all__ = [
    "ChatKind", "ChatMessage", "CommandResult", "Connection", "Hand", "Language", "Meeting",
    "MeetingFormat", "MeetingStatus", "Participant", "Question", "QuestionStatus",
    "QuestionUpvote", "Role",
    "Assignment", "Breakout", "BreakoutEndReason", "BreakoutKind", "BreakoutMember", "BreakoutRoom",
    "FloorTurn", "FollowUp", "MeetingStage", "Stage", "SummaryName", "Turn", "TurnStatus",
    "Form", "FormAnswer", "FormPendingAnswer", "FormRespondent",
    "Consent", "ConsentAsked", "ConsentAudit", "ConsentVote", "ConsentWitness", "Recording", "RecordingEvent",
]
