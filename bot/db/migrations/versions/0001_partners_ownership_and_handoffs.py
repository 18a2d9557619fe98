"""Partners, conversation ownership, handoffs and their transitions.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "conversation_owners",
        sa.Column("conversation_id", sa.String(length=64), nullable=False),
        sa.Column("owner", sa.String(length=16), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("conversation_id", name=op.f("pk_conversation_owners")),
    )
    op.create_table(
        "organisations",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("slug", sa.String(length=64), nullable=False),
        sa.Column("municipality", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("languages", sa.JSON(), nullable=False),
        sa.Column("office_hours", sa.JSON(), nullable=False),
        sa.Column("accepts_live_handoff", sa.Boolean(), nullable=False),
        sa.Column("takes_confidential", sa.Boolean(), nullable=False),
        sa.Column("contact", sa.JSON(), nullable=False),
        sa.Column("retention_days", sa.Integer(), nullable=False),
        sa.Column("confidential_retention_days", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisations")),
        sa.UniqueConstraint("slug", name=op.f("uq_organisations_slug")),
    )
    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_organisations_municipality"), ["municipality"], unique=False
        )

    op.create_table(
        "handoffs",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("conversation_id", sa.String(length=64), nullable=False),
        sa.Column("organisation_id", sa.String(length=36), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("topic", sa.String(length=64), nullable=True),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("confidential", sa.Boolean(), nullable=False),
        sa.Column("consent_version", sa.String(length=64), nullable=False),
        sa.Column("consented_at", sa.DateTime(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("claimed_by", sa.String(length=36), nullable=True),
        sa.Column("claimed_at", sa.DateTime(), nullable=True),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_handoffs_organisation_id_organisations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handoffs")),
    )
    with op.batch_alter_table("handoffs", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_handoffs_conversation_id"), ["conversation_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_handoffs_organisation_id"), ["organisation_id"], unique=False
        )
        batch_op.create_index(
            "uq_handoffs_open_conversation",
            ["conversation_id"],
            unique=True,
            sqlite_where=sa.text("state IN ('waiting', 'human')"),
            postgresql_where=sa.text("state IN ('waiting', 'human')"),
        )

    op.create_table(
        "ownership_transitions",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("conversation_id", sa.String(length=64), nullable=False),
        sa.Column("handoff_id", sa.String(length=36), nullable=True),
        sa.Column("from_owner", sa.String(length=16), nullable=False),
        sa.Column("to_owner", sa.String(length=16), nullable=False),
        sa.Column("actor", sa.String(length=80), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["handoff_id"],
            ["handoffs.id"],
            name=op.f("fk_ownership_transitions_handoff_id_handoffs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ownership_transitions")),
    )
    with op.batch_alter_table("ownership_transitions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ownership_transitions_conversation_id"),
            ["conversation_id"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("ownership_transitions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ownership_transitions_conversation_id"))

    op.drop_table("ownership_transitions")
    with op.batch_alter_table("handoffs", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_handoffs_open_conversation",
            sqlite_where=sa.text("state IN ('waiting', 'human')"),
            postgresql_where=sa.text("state IN ('waiting', 'human')"),
        )
        batch_op.drop_index(batch_op.f("ix_handoffs_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_handoffs_conversation_id"))

    op.drop_table("handoffs")
    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organisations_municipality"))

    op.drop_table("organisations")
    op.drop_table("conversation_owners")
