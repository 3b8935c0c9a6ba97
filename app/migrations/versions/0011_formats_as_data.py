"""formats as data: a meeting's format and stages are ids from its format definition (kept with the meeting);
a participant may hold a role the format defines

Revision ID: 0011_formats_as_data
Revises: 0010_turn_time_box
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011_formats_as_data"
down_revision: str | Sequence[str] | None = "0010_turn_time_box"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STAGES = ("preparation", "opening", "keynotes", "concluding_tour", "rounds", "closing")


def upgrade() -> None:
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.alter_column("format", type_=sa.String(length=40), existing_nullable=False, postgresql_using="format::text")
        batch_op.add_column(sa.Column("format_definition", sa.Text(), nullable=True))
    for table in ("meeting_stage", "turn"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column("stage", type_=sa.String(length=40), existing_nullable=False, postgresql_using="stage::text")
    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.add_column(sa.Column("format_role", sa.String(length=40), nullable=True))
    sa.Enum(name="meetingformat").drop(op.get_bind(), checkfirst=True)
    sa.Enum(name="stage").drop(op.get_bind(), checkfirst=True)


def downgrade() -> None:
    formats = sa.Enum("ask_the_audience", "tour_de_table", "open", name="meetingformat")
    stages = sa.Enum(*STAGES, name="stage")
    formats.create(op.get_bind(), checkfirst=True)
    stages.create(op.get_bind(), checkfirst=True)
    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.drop_column("format_role")
    for table in ("turn", "meeting_stage"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column("stage", type_=stages, existing_nullable=False, postgresql_using="stage::stage")
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_column("format_definition")
        batch_op.alter_column("format", type_=formats, existing_nullable=False, postgresql_using="format::meetingformat")
