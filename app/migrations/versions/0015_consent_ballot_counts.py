"""consent ballot counts: the open opening ballot's asked and voted counts kept on the consent row

Revision ID: 0015_consent_ballot_counts
Revises: 0014_organisers
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015_consent_ballot_counts"
down_revision: str | Sequence[str] | None = "0014_organisers"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("consent", schema=None) as batch_op:
        batch_op.add_column(sa.Column("ballot_asked", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("ballot_voted", sa.Integer(), nullable=False, server_default="0"))
    # A ballot open during the upgrade: its counts from the rows they summarise.
    op.execute(
        "UPDATE consent SET "
        "ballot_asked = (SELECT count(*) FROM consent_asked a WHERE a.meeting_id = consent.meeting_id), "
        "ballot_voted = (SELECT count(*) FROM consent_vote v JOIN consent_asked a "
        "ON a.meeting_id = v.meeting_id AND a.participant_id = v.participant_id "
        "WHERE v.meeting_id = consent.meeting_id AND v.choice = 'record') "
        "WHERE ballot_phase = 'opening'"
    )


def downgrade() -> None:
    with op.batch_alter_table("consent", schema=None) as batch_op:
        batch_op.drop_column("ballot_voted")
        batch_op.drop_column("ballot_asked")
