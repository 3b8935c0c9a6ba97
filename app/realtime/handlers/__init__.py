"""Command handlers, one module per area. Importing this package registers them all."""

from app.realtime.handlers import chat, hands, meeting, questions

__all__ = ["chat", "hands", "meeting", "questions"]
