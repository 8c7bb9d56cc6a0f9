"""KPI scales: each KPI states what its numbers mean, and satisfaction KPIs whether they are a share or a mean

Each KPI states its scale (a share, a 1-5 or 0-10 mean score, NPS, seconds, a count) and, for satisfaction,
whether it is the share of satisfied answers or the mean score.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06 23:10:00

Existing KPIs get the scale their unit implies (NPS by its code), CSAT and DSAT the "share" basis. A database whose
catalogue is seeded also gets CSAT_SCORE, the mean satisfaction score on a 1-5 scale, so that a column of 3.6-like
scores has a KPI to go to instead of being read as 3.6 %.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('kpi_definition', schema=None) as batch_op:
        batch_op.add_column(sa.Column('scale', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('satisfaction_basis', sa.String(length=10), nullable=True))
    conn = op.get_bind()
    for unit, scale in (("percent", "fraction"), ("seconds", "seconds"), ("count", "count"), ("score", "number"),
                        ("currency", "number")):
        conn.execute(sa.text("UPDATE kpi_definition SET scale = :scale WHERE unit = :unit"),
                     {"scale": scale, "unit": unit})
    conn.execute(sa.text("UPDATE kpi_definition SET scale = 'nps' WHERE code = 'NPS'"))
    conn.execute(sa.text("UPDATE kpi_definition SET satisfaction_basis = 'share' WHERE code IN ('CSAT', 'DSAT')"))
    seeded = conn.execute(sa.text("SELECT count(*) FROM kpi_definition WHERE code = 'CSAT'")).scalar()
    taken = conn.execute(sa.text("SELECT count(*) FROM kpi_definition WHERE code = 'CSAT_SCORE'")).scalar()
    if seeded and not taken:
        order = conn.execute(sa.text("SELECT coalesce(max(sort_order), 0) + 1 FROM kpi_definition")).scalar()
        now = datetime.now(UTC).replace(tzinfo=None)
        conn.execute(sa.text(
            "INSERT INTO kpi_definition (code, name, description, unit, direction, display_format, aggregation, "
            "is_active, sort_order, uuid, created_at, updated_at, version, scale, satisfaction_basis, band_tolerance) VALUES "
            "('CSAT_SCORE', 'Customer satisfaction score (1-5)', :description, 'score', 'higher', '0.00', 'mean', "
            ":active, :order, :uuid, :now, :now, 1, 'rating_1_5', 'mean', 0.1)"),
            {"description": "The mean satisfaction score on a 1-5 scale, as exports that average survey answers "
                            "write it (3.6); CSAT is the share of satisfied answers.",
             "active": True, "order": order, "uuid": str(uuid.uuid4()), "now": now})


def downgrade() -> None:
    op.get_bind().execute(sa.text("DELETE FROM kpi_definition WHERE code = 'CSAT_SCORE'"))
    with op.batch_alter_table('kpi_definition', schema=None) as batch_op:
        batch_op.drop_column('satisfaction_basis')
        batch_op.drop_column('scale')
