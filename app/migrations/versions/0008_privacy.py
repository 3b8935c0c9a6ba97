"""privacy: retention and erasure, undecided-recording deadline, bans by device

Revision ID: 0008_privacy
Revises: 0007_question_release
"""

from collections.abc import Sequence
from datetime import timedelta

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0008_privacy"
down_revision: str | Sequence[str] | None = "0007_question_release"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.add_column(sa.Column("retention_days", sa.Integer(), nullable=False, server_default="30"))
        batch_op.add_column(sa.Column("erase_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("erased_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
        batch_op.create_index(batch_op.f("ix_meeting_erase_at"), ["erase_at"], unique=False)
    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.add_column(sa.Column("device_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
        batch_op.add_column(sa.Column("banned", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column("erased_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
        batch_op.create_index(batch_op.f("ix_participant_device_hash"), ["device_hash"], unique=False)
    with op.batch_alter_table("consent", schema=None) as batch_op:
        batch_op.add_column(sa.Column("decision_due_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
        batch_op.create_index(batch_op.f("ix_consent_decision_due_at"), ["decision_due_at"], unique=False)
    # Meetings already there: people removed before are banned; personal data go 30 days after the end
    # (or after creation, for a meeting nobody ended).
    op.execute("UPDATE participant SET banned = true WHERE removed_at IS NOT NULL")
    when = sqlmodel.sql.sqltypes.UTCDateTime()
    meeting = sa.table("meeting", sa.column("id", sa.String()), sa.column("created_at", when), sa.column("ended_at", when), sa.column("erase_at", when))
    bind = op.get_bind()
    for meeting_id, created_at, ended_at in bind.execute(sa.select(meeting.c.id, meeting.c.created_at, meeting.c.ended_at)).all():
        bind.execute(sa.update(meeting).where(meeting.c.id == meeting_id).values(erase_at=(ended_at or created_at) + timedelta(days=30)))


def downgrade() -> None:
    with op.batch_alter_table("consent", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consent_decision_due_at"))
        batch_op.drop_column("decision_due_at")
    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_participant_device_hash"))
        batch_op.drop_column("erased_at")
        batch_op.drop_column("banned")
        batch_op.drop_column("device_hash")
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_erase_at"))
        batch_op.drop_column("erased_at")
        batch_op.drop_column("erase_at")
        batch_op.drop_column("retention_days")
