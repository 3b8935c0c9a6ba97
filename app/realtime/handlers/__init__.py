"""Command handlers, one module per area. Importing this package registers them all."""

from app.realtime.handlers import agreement, boards, breakouts, chat, consent, followups, hands, meeting, questions, stages

__all__ = ["agreement", "boards", "breakouts", "chat", "consent", "followups", "hands", "meeting", "questions", "stages"]
