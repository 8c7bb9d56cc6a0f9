"""KPIs: the catalogue, figures read back, import of figure files (plan, people, run) and saved mappings.

The public face of this package: code outside it imports these names from here, never from a submodule
(tests/test_layers.py checks it). Names load lazily (PEP 562): importing the face imports no submodule."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coachdesk.services.faces import lazy_face

if TYPE_CHECKING:
    from coachdesk.services.kpis.kpi_catalogue_admin import (
        CODE,
        DURATION_FORMATS,
        NUMBER_FORMATS,
        PERCENT_FORMATS,
        create_kpi,
        formats_for,
        kpi_detail,
        list_kpis,
        role_kpi_sets,
        set_role_kpis,
        update_kpi,
    )
    from coachdesk.services.kpis.kpi_figures import (
        FiguresOverview,
        FiguresSummary,
        KpiTotals,
        figures_overview,
        figures_summary,
    )
    from coachdesk.services.kpis.kpi_import import (
        commit,
        describe_order,
        import_file,
        list_presets,
        preview_file,
        save_mapping,
        sheet_names,
        undo_batch,
    )
    from coachdesk.services.kpis.kpi_import_people import (
        UNKNOWN_KEPT,
        PeopleResolver,
        UnknownPerson,
        agent_key,
        agent_label,
    )
    from coachdesk.services.kpis.kpi_import_run import (
        CHUNK,
        DUPLICATES_KEPT,
        REPLACED_KEPT,
        SAMPLE_FIGURES,
        SAMPLE_ROWS,
        TICK_ROWS,
        Cancelled,
        FigurePreview,
        ImportCancelled,
        Outcome,
        Pass,
        Prepared,
        Progress,
        RepeatedInFile,
        file_digest,
        kpi_catalogue,
        prepare,
    )
    from coachdesk.services.kpis.kpi_import_types import (
        DUPLICATE_POLICIES,
        MESSAGE_PROBLEMS,
        EarlierBatch,
        ImportOptions,
        ImportPlan,
        ImportRejected,
        ImportResult,
        UndoResult,
    )
    from coachdesk.services.kpis.kpi_mappings import (
        DATE_ORDERS,
        DURATION,
        DURATION_UNITS,
        EXAMPLES,
        IGNORE,
        KPI_PREFIX,
        PERCENT,
        PERCENT_SCALES,
        SHAPES,
        KpiChoice,
        MappingColumn,
        catalogue_kpis,
        fields_for,
        mapping_columns,
        mapping_json,
        refusal,
        value_kind,
    )
    from coachdesk.services.kpis.kpi_query import FETCH, BatchRow, FigureRow, list_batches, list_figures
    from coachdesk.services.kpis.kpi_saved_mappings import SavedMapping, forget_mapping, list_saved_mappings

_EXPORTS = {
    "CODE": "kpi_catalogue_admin", "DURATION_FORMATS": "kpi_catalogue_admin", "NUMBER_FORMATS": "kpi_catalogue_admin",
    "PERCENT_FORMATS": "kpi_catalogue_admin", "create_kpi": "kpi_catalogue_admin", "formats_for": "kpi_catalogue_admin",
    "kpi_detail": "kpi_catalogue_admin", "list_kpis": "kpi_catalogue_admin", "role_kpi_sets": "kpi_catalogue_admin",
    "set_role_kpis": "kpi_catalogue_admin", "update_kpi": "kpi_catalogue_admin",
    "commit": "kpi_import", "describe_order": "kpi_import", "import_file": "kpi_import", "list_presets": "kpi_import",
    "preview_file": "kpi_import", "save_mapping": "kpi_import", "sheet_names": "kpi_import", "undo_batch": "kpi_import",
    "PeopleResolver": "kpi_import_people", "UNKNOWN_KEPT": "kpi_import_people", "UnknownPerson": "kpi_import_people",
    "agent_key": "kpi_import_people", "agent_label": "kpi_import_people",
    "CHUNK": "kpi_import_run", "Cancelled": "kpi_import_run", "DUPLICATES_KEPT": "kpi_import_run",
    "FigurePreview": "kpi_import_run", "ImportCancelled": "kpi_import_run", "Outcome": "kpi_import_run",
    "Pass": "kpi_import_run", "Prepared": "kpi_import_run", "Progress": "kpi_import_run",
    "REPLACED_KEPT": "kpi_import_run", "RepeatedInFile": "kpi_import_run", "SAMPLE_FIGURES": "kpi_import_run",
    "SAMPLE_ROWS": "kpi_import_run", "TICK_ROWS": "kpi_import_run", "file_digest": "kpi_import_run",
    "kpi_catalogue": "kpi_import_run", "prepare": "kpi_import_run",
    "FiguresSummary": "kpi_figures", "figures_summary": "kpi_figures",
    "DUPLICATE_POLICIES": "kpi_import_types", "EarlierBatch": "kpi_import_types", "ImportOptions": "kpi_import_types",
    "ImportPlan": "kpi_import_types", "ImportRejected": "kpi_import_types", "ImportResult": "kpi_import_types",
    "MESSAGE_PROBLEMS": "kpi_import_types", "UndoResult": "kpi_import_types",
    "DATE_ORDERS": "kpi_mappings", "DURATION": "kpi_mappings", "DURATION_UNITS": "kpi_mappings",
    "EXAMPLES": "kpi_mappings", "FiguresOverview": "kpi_figures", "IGNORE": "kpi_mappings",
    "KPI_PREFIX": "kpi_mappings", "KpiChoice": "kpi_mappings", "KpiTotals": "kpi_figures",
    "MappingColumn": "kpi_mappings", "PERCENT": "kpi_mappings", "PERCENT_SCALES": "kpi_mappings",
    "SHAPES": "kpi_mappings", "SavedMapping": "kpi_saved_mappings", "catalogue_kpis": "kpi_mappings",
    "fields_for": "kpi_mappings", "figures_overview": "kpi_figures", "forget_mapping": "kpi_saved_mappings",
    "list_saved_mappings": "kpi_saved_mappings", "mapping_columns": "kpi_mappings", "mapping_json": "kpi_mappings",
    "refusal": "kpi_mappings", "value_kind": "kpi_mappings",
    "BatchRow": "kpi_query", "FETCH": "kpi_query", "FigureRow": "kpi_query", "list_batches": "kpi_query",
    "list_figures": "kpi_query",
}

__all__ = [*_EXPORTS]
__getattr__, __dir__ = lazy_face(__name__, _EXPORTS)

