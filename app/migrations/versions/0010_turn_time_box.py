"""turn time box: the meeting's time box for each turn and what happens at zero; each turn's stored deadlines

Revision ID: 0010_turn_time_box
Revises: 0009_hand_rules
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0010_turn_time_box"
down_revision: str | Sequence[str] | None = "0009_hand_rules"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    action = sa.Enum("nothing", "notice", "end_turn", name="timeboxaction")
    action.create(op.get_bind(), checkfirst=True)  # PostgreSQL: the type exists before a column uses it
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.add_column(sa.Column("turn_time_box_seconds", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("turn_time_box_action", action, nullable=False, server_default="notice"))
    with op.batch_alter_table("turn", schema=None) as batch_op:
        for column in ("deadline", "warn_at", "warned_at", "time_up_at"):
            batch_op.add_column(sa.Column(column, sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("turn", schema=None) as batch_op:
        for column in ("time_up_at", "warned_at", "warn_at", "deadline"):
            batch_op.drop_column(column)
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_column("turn_time_box_action")
        batch_op.drop_column("turn_time_box_seconds")
    sa.Enum(name="timeboxaction").drop(op.get_bind(), checkfirst=True)
