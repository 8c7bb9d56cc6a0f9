"""One-to-one items: an index on (status, due date) for the open actions and commitments due in a period

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07 16:10:00

The Calendar shows the open actions and commitments due in the week or month shown. Without an index on the items'
status and due date, SQLite read every one-to-one of every agent in scope and every item of each (95,000 sessions
and 468,000 items on the 2,000-agent demo: 103 ms) to keep the few open ones due that week; with it, it goes to
them (2 ms). No data changes.
"""

from __future__ import annotations

from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_one_to_one_item_status_due', 'one_to_one_item', ['status', 'due_date'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_one_to_one_item_status_due', table_name='one_to_one_item')
