"""Printed reports: the data of each document and the one entry point that builds PDFs.

The public face of this package: code outside it imports these names from here, never from a submodule
(tests/test_layers.py checks it). Names load lazily (PEP 562): importing the face imports no submodule."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coachdesk.services.faces import lazy_face

if TYPE_CHECKING:
    from coachdesk.services.reports.report_data import (
        MAX_DAYS,
        RecordChoice,
        agent_recognitions,
        check_period,
        feedback_summary,
        local_start,
        objective_line,
        one_to_one,
        progress_for,
        recognition,
        recognitions_of_month,
        record_choices,
        timeliness_text,
    )
    from coachdesk.services.reports.report_data_team import KPI_COLUMNS, members, month_bounds, team_summary
    from coachdesk.services.reports.report_heatmap import heatmap_data, heatmap_png
    from coachdesk.services.reports.report_prep import prep_doc
    from coachdesk.services.reports.report_records import feedback_record, observation_record
    from coachdesk.services.reports.reports import (
        CHART_KPIS,
        KINDS,
        ReportRequest,
        build,
        feedback_pdf,
        feedback_record_pdf,
        granularity_for,
        observation_pdf,
        one_to_one_pdf,
        prep_pdf,
        recognition_pdf,
        sample_pdf,
        save,
        summaries_pdf,
        team_feedback_pdf,
        team_pdf,
    )

_EXPORTS = {
    "MAX_DAYS": "report_data", "RecordChoice": "report_data", "agent_recognitions": "report_data",
    "check_period": "report_data", "feedback_summary": "report_data", "local_start": "report_data",
    "objective_line": "report_data", "one_to_one": "report_data", "progress_for": "report_data",
    "recognition": "report_data", "recognitions_of_month": "report_data", "record_choices": "report_data",
    "timeliness_text": "report_data",
    "KPI_COLUMNS": "report_data_team", "members": "report_data_team", "month_bounds": "report_data_team",
    "team_summary": "report_data_team",
    "heatmap_data": "report_heatmap", "heatmap_png": "report_heatmap",
    "prep_doc": "report_prep",
    "feedback_record": "report_records", "observation_record": "report_records",
    "CHART_KPIS": "reports", "KINDS": "reports", "ReportRequest": "reports", "build": "reports",
    "feedback_pdf": "reports", "granularity_for": "reports", "one_to_one_pdf": "reports", "prep_pdf": "reports",
    "recognition_pdf": "reports", "save": "reports", "summaries_pdf": "reports", "team_feedback_pdf": "reports",
    "team_pdf": "reports", "observation_pdf": "reports", "feedback_record_pdf": "reports", "sample_pdf": "reports",
}

__all__ = [*_EXPORTS]
__getattr__, __dir__ = lazy_face(__name__, _EXPORTS)

