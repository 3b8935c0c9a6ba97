"""All tables, imported here so that Alembic sees one metadata."""

# Roles of the format: the agreement and scaling.
from app.models.agreement import AgreementAcknowledgement
from app.models.board import Card, CardVote, PlanSignOff
from app.models.breakout import Assignment, Breakout, BreakoutEndReason, BreakoutKind, BreakoutMember, BreakoutRoom
from app.models.chat import ChatKind, ChatMessage
from app.models.command import CommandResult
from app.models.consent import Consent, ConsentAsked, ConsentAudit, ConsentVote, ConsentWitness
from app.models.custom_format import CustomFormat
from app.models.form import Form, FormAnswer, FormPendingAnswer, FormRespondent
from app.models.hand import Hand
from app.models.mail import MailAddress, MailKind, MailStatus, OutgoingMail
from app.models.meeting import Language, Meeting, MeetingStatus
from app.models.organiser import BOOTSTRAP_ORGANISER_ID, MeetingShare, MeetingTag, Organiser, OrganiserSeat
from app.models.participant import Connection, Participant, Role
from app.models.question import Question, QuestionStatus, QuestionUpvote
from app.models.record import MeetingRecord
from app.models.recording import Recording, RecordingEvent
from app.models.roster import Invitation, InvitationAnswer, RosterContact, RosterEntry, RosterKind
from app.models.scale import ScaleAnswer, ScaleReveal
from app.models.series import Series, SeriesMeeting, SeriesUpdate, UpdateAuthor
from app.models.stage import (
    OPEN_FOLLOW_UP,
    FloorTurn,
    FollowUp,
    FollowUpKind,
    FollowUpStatus,
    MeetingStage,
    ReviewOutcome,
    SummaryName,
    Turn,
    TurnStatus,
)

__all__ = [
    "ChatKind", "ChatMessage", "CommandResult", "Connection", "Hand", "Language", "Meeting",
    "MeetingStatus", "Participant", "Question", "QuestionStatus",
    "QuestionUpvote", "Role",
    "Assignment", "Breakout", "BreakoutEndReason", "BreakoutKind", "BreakoutMember", "BreakoutRoom",
    "FloorTurn", "FollowUp", "MeetingStage", "SummaryName", "Turn", "TurnStatus",
    "Form", "FormAnswer", "FormPendingAnswer", "FormRespondent",
    # Series, rosters, invitations and follow-up items.
    "OPEN_FOLLOW_UP", "FollowUpKind", "FollowUpStatus", "ReviewOutcome", "Invitation", "InvitationAnswer", "RosterContact", "RosterEntry",
    "RosterKind", "Series", "SeriesMeeting", "SeriesUpdate", "UpdateAuthor",
    "BOOTSTRAP_ORGANISER_ID", "MeetingShare", "MeetingTag", "Organiser", "OrganiserSeat",
    "Card", "CardVote", "PlanSignOff",
    "CustomFormat",
    "Consent", "ConsentAsked", "ConsentAudit", "ConsentVote", "ConsentWitness", "Recording", "RecordingEvent",
    "MailAddress", "MailKind", "MailStatus", "OutgoingMail",
    "MeetingRecord",
    "AgreementAcknowledgement", "ScaleAnswer", "ScaleReveal",
]
