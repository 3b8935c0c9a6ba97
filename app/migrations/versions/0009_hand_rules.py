"""hand rules: the queue's rule as a setting, and each person's total time at the floor

Revision ID: 0009_hand_rules
Revises: 0008_privacy
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0009_hand_rules"
down_revision: str | Sequence[str] | None = "0008_privacy"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    rule = sa.Enum("first_come", "fairness", "least_time", "other_organisation", name="handrule")
    rule.create(op.get_bind(), checkfirst=True)  # PostgreSQL: the type exists before a column uses it
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.add_column(sa.Column("hand_rule", rule, nullable=False, server_default="fairness"))
    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.add_column(sa.Column("spoken_seconds", sa.Float(), nullable=False, server_default="0"))
    # Meetings already there keep their switch; people's time at the floor is summed from the floor history.
    op.execute("UPDATE meeting SET hand_rule = 'first_come' WHERE fairness = false")
    when = sqlmodel.sql.sqltypes.UTCDateTime()
    floor = sa.table("floor_turn", sa.column("participant_id", sa.String()), sa.column("started_at", when), sa.column("ended_at", when))
    participant = sa.table("participant", sa.column("id", sa.String()), sa.column("spoken_seconds", sa.Float()))
    bind = op.get_bind()
    totals: dict[str, float] = {}
    for person, started, ended in bind.execute(sa.select(floor.c.participant_id, floor.c.started_at, floor.c.ended_at).where(floor.c.ended_at.is_not(None))).all():
        totals[person] = totals.get(person, 0.0) + (ended - started).total_seconds()
    for person, seconds in totals.items():
        bind.execute(participant.update().where(participant.c.id == person).values(spoken_seconds=seconds))


def downgrade() -> None:
    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.drop_column("spoken_seconds")
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_column("hand_rule")
    sa.Enum(name="handrule").drop(op.get_bind(), checkfirst=True)
