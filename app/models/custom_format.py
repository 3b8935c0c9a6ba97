"""An organiser's own format: a definition (app/formats/definition.py) stored as JSON."""

from datetime import datetime

from sqlalchemy import Text
from sqlmodel import Field, SQLModel


class CustomFormat(SQLModel, table=True):
    __tablename__ = "custom_format"

    # The format's id (a slug, unique across built-in and custom formats).
    id: str = Field(primary_key=True, max_length=40)
    # Who made it (the organiser's identity from the organiser-key check); null: visible to every organiser.
    organiser_id: str | None = Field(default=None, index=True, max_length=64)
    definition: str = Field(sa_type=Text)
    created_at: datetime
