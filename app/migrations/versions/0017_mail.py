"""mail: the addresses people gave, and the outbox of mails to send

Revision ID: 0017_mail
Revises: 0016_boards
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0017_mail"
down_revision: str | Sequence[str] | None = "0016_boards"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KINDS = ("personal_link", "invitation", "form_opened", "form_reminder", "follow_up_due", "record_published", "digest", "other")


def upgrade() -> None:
    # The meetings' `language` type exists already on PostgreSQL: used here, not created again.
    language = sa.Enum("en", "da", "ar", name="language").with_variant(
        postgresql.ENUM("en", "da", "ar", name="language", create_type=False), "postgresql"
    )
    kind = sa.Enum(*KINDS, name="mailkind")
    when = sqlmodel.sql.sqltypes.UTCDateTime
    text = sqlmodel.sql.sqltypes.AutoString
    op.create_table(
        "mail_address",
        sa.Column("participant_id", text(length=36), nullable=False),
        sa.Column("meeting_id", text(length=36), nullable=False),
        sa.Column("address", text(length=254), nullable=False),
        sa.Column("language", language, nullable=False),
        sa.Column("given_at", when(), nullable=False),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"]),
        sa.ForeignKeyConstraint(["participant_id"], ["participant.id"]),
        sa.PrimaryKeyConstraint("participant_id"),
    )
    with op.batch_alter_table("mail_address", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mail_address_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "outgoing_mail",
        sa.Column("id", text(length=36), nullable=False),
        sa.Column("meeting_id", text(length=36), nullable=True),
        sa.Column("series_id", text(length=36), nullable=True),
        sa.Column("participant_id", text(length=36), nullable=True),
        sa.Column("recipient", text(length=254), nullable=False),
        sa.Column("language", language, nullable=False),
        sa.Column("kind", kind, nullable=False),
        sa.Column("subject", text(length=300), nullable=False),
        sa.Column("body_text", text(), nullable=False),
        sa.Column("body_html", text(), nullable=True),
        sa.Column("attachments", sa.JSON(), nullable=False),
        sa.Column("shareable_link", text(length=2000), nullable=True),
        sa.Column("dedupe_key", text(length=200), nullable=False),
        sa.Column("created_at", when(), nullable=False),
        sa.Column("next_attempt_at", when(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("sent_at", when(), nullable=True),
        sa.Column("failed_at", when(), nullable=True),
        sa.Column("last_error", text(length=300), nullable=True),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"]),
        sa.ForeignKeyConstraint(["participant_id"], ["participant.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("dedupe_key"),
    )
    with op.batch_alter_table("outgoing_mail", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outgoing_mail_meeting_id"), ["meeting_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_outgoing_mail_next_attempt_at"), ["next_attempt_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_outgoing_mail_participant_id"), ["participant_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_outgoing_mail_series_id"), ["series_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("outgoing_mail", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outgoing_mail_series_id"))
        batch_op.drop_index(batch_op.f("ix_outgoing_mail_participant_id"))
        batch_op.drop_index(batch_op.f("ix_outgoing_mail_next_attempt_at"))
        batch_op.drop_index(batch_op.f("ix_outgoing_mail_meeting_id"))
    op.drop_table("outgoing_mail")
    with op.batch_alter_table("mail_address", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mail_address_meeting_id"))
    op.drop_table("mail_address")
    sa.Enum(name="mailkind").drop(op.get_bind(), checkfirst=True)
