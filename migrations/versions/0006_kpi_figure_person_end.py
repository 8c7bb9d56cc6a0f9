"""KPI figures: an index on (person, KPI, period end) for reading a window of one person's figures

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07 05:40:00

Progress, trends and Today's "needing attention" read each person's figures of a KPI whose period *ends* inside a
window. The unique constraint's index (person, KPI, period start, period end) could only narrow such a read to the
person and KPI, so every read walked the person's whole history of that KPI (three years in the demo) to keep a
quarter. This index lets the database go straight to the window. No data changes.
"""

from __future__ import annotations

from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_kpi_figure_person_kpi_end', 'kpi_figure', ['person_id', 'kpi_id', 'period_end'],
                    unique=False)


def downgrade() -> None:
    op.drop_index('ix_kpi_figure_person_kpi_end', table_name='kpi_figure')
