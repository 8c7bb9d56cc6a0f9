"""Trends: an agent's KPI and behaviour series, the records behind markers, coaching effect, team view.

The public face of this package: code outside it imports these names from here, never from a submodule
(tests/test_layers.py checks it). Names load lazily (PEP 562): importing the face imports no submodule."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coachdesk.services.faces import lazy_face

if TYPE_CHECKING:
    from coachdesk.services.trends.coaching_effect import (
        BEHAVIOUR_WINDOW_DAYS,
        EffectRow,
        RollupRow,
        TeamEffects,
        agent_effects,
        team_effects,
    )
    from coachdesk.services.trends.team_view import (
        TEAM_KPIS,
        AgentRow,
        CorrelationRow,
        KpiCell,
        KpiColumn,
        TeamView,
        load_team_view,
        person_aggregates,
    )
    from coachdesk.services.trends.trends import (
        BY_BEHAVIOUR,
        BY_CATEGORY,
        DEFAULT_PANELS,
        agent_id,
        agent_kpi_choices,
        agent_trend_data,
        band_of,
        behaviour_panel,
        bucket_values,
        clear_team_cache,
        figures_stamp,
        framework_series,
        kpi_panel,
        local_day,
        local_start,
        markers,
        pick_kpis,
        team_average,
        team_daily,
    )
    from coachdesk.services.trends.trends_records import RecordDetail, record_detail

_EXPORTS = {
    "BEHAVIOUR_WINDOW_DAYS": "coaching_effect", "EffectRow": "coaching_effect", "RollupRow": "coaching_effect",
    "TeamEffects": "coaching_effect", "agent_effects": "coaching_effect", "team_effects": "coaching_effect",
    "AgentRow": "team_view", "CorrelationRow": "team_view", "KpiCell": "team_view", "KpiColumn": "team_view",
    "TEAM_KPIS": "team_view", "TeamView": "team_view", "load_team_view": "team_view", "person_aggregates": "team_view",
    "BY_BEHAVIOUR": "trends", "BY_CATEGORY": "trends", "DEFAULT_PANELS": "trends", "agent_id": "trends",
    "agent_kpi_choices": "trends", "agent_trend_data": "trends", "band_of": "trends", "behaviour_panel": "trends",
    "bucket_values": "trends", "clear_team_cache": "trends", "figures_stamp": "trends", "framework_series": "trends",
    "kpi_panel": "trends", "local_day": "trends", "local_start": "trends", "markers": "trends", "pick_kpis": "trends",
    "team_average": "trends", "team_daily": "trends",
    "RecordDetail": "trends_records", "record_detail": "trends_records",
}

__all__ = [*_EXPORTS]
__getattr__, __dir__ = lazy_face(__name__, _EXPORTS)

