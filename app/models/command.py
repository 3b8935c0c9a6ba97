"""Answers to commands that carried a command_id, so a repeat gets the first answer."""

from datetime import datetime

from sqlmodel import Field, SQLModel


class CommandResult(SQLModel, table=True):
    __tablename__ = "command_result"

    participant_id: str = Field(primary_key=True, max_length=36)
    command_id: str = Field(primary_key=True, max_length=64)
    answer: str
    created_at: datetime = Field(index=True)
