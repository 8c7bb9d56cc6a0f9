"""Calendar: one-to-ones get a length and an invitation sequence; planned observations; observation coverage
targets per team; follow-up outcomes on feedback; reminder state

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06 23:20:00

A one-to-one's start time is its existing ``scheduled_for``; ``duration_minutes`` stays empty for sessions planned
before this revision (they have a day, not a time: nothing is guessed). On PostgreSQL the two new tables get
row-level security like the other tables holding people's records (see 0002).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

MANAGER = "(SELECT coachdesk_is_manager())"
PEOPLE = "(SELECT coachdesk_person_ids())"
POLICIES = {
    "planned_observation": f"{MANAGER} OR agent_id IN {PEOPLE}",
    "reminder": f"{MANAGER} OR person_id IS NULL OR person_id = coachdesk_my_person_id()",
}


def _record_columns() -> list[sa.Column]:
    return [
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('uuid', sa.String(length=36), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    ]


def upgrade() -> None:
    with op.batch_alter_table('one_to_one') as batch_op:
        batch_op.add_column(sa.Column('duration_minutes', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('calendar_sequence', sa.Integer(), server_default='0', nullable=False))
    with op.batch_alter_table('team') as batch_op:
        batch_op.add_column(sa.Column('observations_per_month', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('unannounced_per_month', sa.Integer(), nullable=True))
    with op.batch_alter_table('feedback') as batch_op:
        batch_op.add_column(sa.Column('follow_up_outcome', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('follow_up_note', sa.Text(), nullable=True))
    op.create_table(
        'planned_observation',
        sa.Column('agent_id', sa.Integer(), nullable=False),
        sa.Column('coach_id', sa.Integer(), nullable=True),
        sa.Column('team_id', sa.Integer(), nullable=True),
        sa.Column('planned_for', sa.DateTime(), nullable=False),
        sa.Column('duration_minutes', sa.Integer(), nullable=False),
        sa.Column('announced', sa.Boolean(), nullable=False),
        sa.Column('mode', sa.String(length=32), nullable=False),
        sa.Column('session_id', sa.Integer(), nullable=True),
        sa.Column('calendar_sequence', sa.Integer(), server_default='0', nullable=False),
        sa.Column('note', sa.Text(), nullable=True),
        *_record_columns(),
        sa.ForeignKeyConstraint(['agent_id'], ['person.id'], name=op.f('fk_planned_observation_agent_id_person'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['coach_id'], ['person.id'], name=op.f('fk_planned_observation_coach_id_person'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['team_id'], ['team.id'], name=op.f('fk_planned_observation_team_id_team'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['session_id'], ['observation_session.id'],
                                name=op.f('fk_planned_observation_session_id_observation_session'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_planned_observation')),
        sa.UniqueConstraint('uuid', name=op.f('uq_planned_observation_uuid')),
    )
    with op.batch_alter_table('planned_observation') as batch_op:
        batch_op.create_index('ix_planned_observation_planned_for', ['planned_for'], unique=False)
        batch_op.create_index(batch_op.f('ix_planned_observation_agent_id'), ['agent_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_planned_observation_coach_id'), ['coach_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_planned_observation_team_id'), ['team_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_planned_observation_session_id'), ['session_id'], unique=False)
    op.create_table(
        'reminder',
        sa.Column('key', sa.String(length=200), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=True),
        sa.Column('state', sa.String(length=32), nullable=False),
        sa.Column('shown_at', sa.DateTime(), nullable=True),
        sa.Column('snoozed_until', sa.DateTime(), nullable=True),
        *_record_columns(),
        sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_reminder_person_id_person'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_reminder')),
        sa.UniqueConstraint('key', name=op.f('uq_reminder_key')),
        sa.UniqueConstraint('uuid', name=op.f('uq_reminder_uuid')),
    )
    with op.batch_alter_table('reminder') as batch_op:
        batch_op.create_index(batch_op.f('ix_reminder_person_id'), ['person_id'], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        for table, rule in POLICIES.items():
            op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
            op.execute(f"CREATE POLICY coachdesk_access ON {table} FOR ALL USING ({rule}) WITH CHECK ({rule})")


def downgrade() -> None:
    op.drop_table('reminder')
    op.drop_table('planned_observation')
    with op.batch_alter_table('feedback') as batch_op:
        batch_op.drop_column('follow_up_note')
        batch_op.drop_column('follow_up_outcome')
    with op.batch_alter_table('team') as batch_op:
        batch_op.drop_column('unannounced_per_month')
        batch_op.drop_column('observations_per_month')
    with op.batch_alter_table('one_to_one') as batch_op:
        batch_op.drop_column('calendar_sequence')
        batch_op.drop_column('duration_minutes')
