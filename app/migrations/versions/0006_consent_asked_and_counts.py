"""consent: who is asked in the open opening ballot; counts kept when answers are dropped

Revision ID: 0006_consent_asked
Revises: 0005_arabic
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0006_consent_asked"
down_revision: str | Sequence[str] | None = "0005_arabic"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "consent_asked",
        sa.Column("meeting_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("participant_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"]),
        sa.ForeignKeyConstraint(["participant_id"], ["participant.id"]),
        sa.PrimaryKeyConstraint("meeting_id", "participant_id"),
    )
    with op.batch_alter_table("consent", schema=None) as batch_op:
        batch_op.add_column(sa.Column("record_answers", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("share_answers", sa.Integer(), nullable=False, server_default="0"))
    # An opening ballot open during the upgrade: everyone present then is asked.
    op.execute(
        "INSERT INTO consent_asked (meeting_id, participant_id) SELECT p.meeting_id, p.id FROM participant p "
        "JOIN consent c ON c.meeting_id = p.meeting_id WHERE c.ballot_phase = 'opening' AND p.online AND p.removed_at IS NULL "
        "UNION SELECT v.meeting_id, v.participant_id FROM consent_vote v JOIN consent c ON c.meeting_id = v.meeting_id "
        "WHERE c.ballot_phase = 'opening' AND v.choice = 'record'"
    )
    # Meetings already private: the answers given before the privacy request are dropped, their counts kept.
    op.execute(
        "UPDATE consent SET record_answers = (SELECT count(*) FROM consent_vote v WHERE v.meeting_id = consent.meeting_id AND v.choice = 'record'), "
        "share_answers = (SELECT count(*) FROM consent_vote v WHERE v.meeting_id = consent.meeting_id AND v.choice = 'share')"
    )
    op.execute("DELETE FROM consent_vote WHERE meeting_id IN (SELECT meeting_id FROM consent WHERE state IN ('private', 'deleted'))")


def downgrade() -> None:
    with op.batch_alter_table("consent", schema=None) as batch_op:
        batch_op.drop_column("share_answers")
        batch_op.drop_column("record_answers")
    op.drop_table("consent_asked")
