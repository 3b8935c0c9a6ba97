"""series of meetings: schedule, roster and contact people, invitations, updates between meetings; follow-up items
get a kind, an owner, a due date, a status, where they came from and a review when carried over

Revision ID: 0013_series
Revises: 0012_forms
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op
from sqlalchemy.dialects import postgresql


revision: str = "0013_series"
down_revision: str | Sequence[str] | None = "0012_forms"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# The meeting"s language type exists already (PostgreSQL): the new tables use it, they do not create it again.
LANGUAGE = postgresql.ENUM("en", "da", "ar", name="language", create_type=False)
FOLLOW_UP_ENUMS = (
    sa.Enum("webinar", "publication", "action", "other", name="followupkind"),
    sa.Enum("open", "in_progress", "done", "dropped", name="followupstatus"),
    sa.Enum("done", "still_open", "dropped", name="reviewoutcome"),
)


def upgrade() -> None:
    op.create_table("series",
    sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column("organiser_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column("format", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column("language", LANGUAGE, nullable=False),
    sa.Column("coordinator_name", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column("coordinator_email", sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
    sa.Column("time_zone", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column("rule", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column("start_local", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column("duration_minutes", sa.Integer(), nullable=False),
    sa.Column("context", sa.Text(), nullable=False),
    sa.Column("digest_by_mail", sa.Boolean(), nullable=False),
    sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint("id")
    )
    with op.batch_alter_table("series", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_series_organiser_id"), ["organiser_id"], unique=False)

    op.create_table("roster_entry",
    sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column("series_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column("kind", sa.Enum("municipality", "school", "health", "police_ssp", "parents", "organisation", "other", name="rosterkind"), nullable=False),
    sa.Column("required", sa.Boolean(), nullable=False),
    sa.Column("position", sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(["series_id"], ["series.id"], ),
    sa.PrimaryKeyConstraint("id")
    )
    with op.batch_alter_table("roster_entry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_roster_entry_series_id"), ["series_id"], unique=False)

    op.create_table("series_meeting",
    sa.Column("meeting_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column("series_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column("number", sa.Integer(), nullable=False),
    sa.Column("starts_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column("roster_presence", sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], ),
    sa.ForeignKeyConstraint(["series_id"], ["series.id"], ),
    sa.PrimaryKeyConstraint("meeting_id"),
    sa.UniqueConstraint("series_id", "starts_at")
    )
    with op.batch_alter_table("series_meeting", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_series_meeting_series_id"), ["series_id"], unique=False)

    op.create_table("series_update",
    sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column("series_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column("author", sa.Enum("coordinator", "member", name="updateauthor"), nullable=False),
    sa.Column("author_name", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column("invitation_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
    sa.Column("text", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
    sa.Column("url", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
    sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column("digested_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(["series_id"], ["series.id"], ),
    sa.PrimaryKeyConstraint("id")
    )
    with op.batch_alter_table("series_update", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_series_update_digested_at"), ["digested_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_series_update_series_id"), ["series_id"], unique=False)

    op.create_table("roster_contact",
    sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column("entry_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column("series_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column("email", sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
    sa.Column("language", LANGUAGE, nullable=False),
    sa.Column("role", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
    sa.ForeignKeyConstraint(["entry_id"], ["roster_entry.id"], ),
    sa.ForeignKeyConstraint(["series_id"], ["series.id"], ),
    sa.PrimaryKeyConstraint("id")
    )
    with op.batch_alter_table("roster_contact", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_roster_contact_entry_id"), ["entry_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_roster_contact_series_id"), ["series_id"], unique=False)

    op.create_table("invitation",
    sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column("series_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column("meeting_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column("contact_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column("token", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column("answer", sa.Enum("yes", "no", "maybe", name="invitationanswer"), nullable=True),
    sa.Column("answered_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column("mailed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column("reminders", sa.Integer(), nullable=False),
    sa.Column("reminded_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column("participant_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
    sa.ForeignKeyConstraint(["contact_id"], ["roster_contact.id"], ),
    sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], ),
    sa.ForeignKeyConstraint(["series_id"], ["series.id"], ),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("meeting_id", "contact_id")
    )
    with op.batch_alter_table("invitation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_invitation_contact_id"), ["contact_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_invitation_meeting_id"), ["meeting_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_invitation_series_id"), ["series_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_invitation_token"), ["token"], unique=True)

    kind, status, review = FOLLOW_UP_ENUMS
    for enum in FOLLOW_UP_ENUMS:
        enum.create(op.get_bind(), checkfirst=True)  # PostgreSQL: the type exists before a column uses it
    with op.batch_alter_table("follow_up", schema=None) as batch_op:
        # Items recorded before were plain text lines: actions, still open.
        batch_op.add_column(sa.Column("kind", kind, nullable=False, server_default="action"))
        batch_op.add_column(sa.Column("status", status, nullable=False, server_default="open"))
        batch_op.add_column(sa.Column("owner", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=True))
        batch_op.add_column(sa.Column("owner_participant_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True))
        batch_op.add_column(sa.Column("due_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("due_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("overdue_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("from_message_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True))
        batch_op.add_column(sa.Column("from_card_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True))
        batch_op.add_column(sa.Column("carried_from_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True))
        batch_op.add_column(sa.Column("review", review, nullable=True))
        batch_op.add_column(sa.Column("reviewed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
        batch_op.create_index(batch_op.f("ix_follow_up_due_at"), ["due_at"], unique=False)



def downgrade() -> None:
    with op.batch_alter_table("follow_up", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_follow_up_due_at"))
        batch_op.drop_column("reviewed_at")
        batch_op.drop_column("review")
        batch_op.drop_column("carried_from_id")
        batch_op.drop_column("from_card_id")
        batch_op.drop_column("from_message_id")
        batch_op.drop_column("updated_at")
        batch_op.drop_column("overdue_at")
        batch_op.drop_column("due_at")
        batch_op.drop_column("due_on")
        batch_op.drop_column("owner_participant_id")
        batch_op.drop_column("owner")
        batch_op.drop_column("status")
        batch_op.drop_column("kind")

    with op.batch_alter_table("invitation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_invitation_token"))
        batch_op.drop_index(batch_op.f("ix_invitation_series_id"))
        batch_op.drop_index(batch_op.f("ix_invitation_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_invitation_contact_id"))

    op.drop_table("invitation")
    with op.batch_alter_table("roster_contact", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_roster_contact_series_id"))
        batch_op.drop_index(batch_op.f("ix_roster_contact_entry_id"))

    op.drop_table("roster_contact")
    with op.batch_alter_table("series_update", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_series_update_series_id"))
        batch_op.drop_index(batch_op.f("ix_series_update_digested_at"))

    op.drop_table("series_update")
    with op.batch_alter_table("series_meeting", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_series_meeting_series_id"))

    op.drop_table("series_meeting")
    with op.batch_alter_table("roster_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_roster_entry_series_id"))

    op.drop_table("roster_entry")
    with op.batch_alter_table("series", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_series_organiser_id"))

    op.drop_table("series")
    for name in ("followupkind", "followupstatus", "reviewoutcome", "rosterkind", "updateauthor", "invitationanswer"):
        sa.Enum(name=name).drop(op.get_bind(), checkfirst=True)
