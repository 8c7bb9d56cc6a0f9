"""Exchange files: export, import and the scope and schema they share.

The public face of this package: code outside it imports these names from here, never from a submodule
(tests/test_layers.py checks it). Names load lazily (PEP 562): importing the face imports no submodule."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coachdesk.services.faces import lazy_face

if TYPE_CHECKING:
    from coachdesk.services.exchange.exchange_export import (
        ExportReport,
        export_document,
        figure_groups,
        load_id_maps,
        write_document,
    )
    from coachdesk.services.exchange.exchange_figures import FLUSH, GROUP_KEYS, FigureLoader
    from coachdesk.services.exchange.exchange_import import (
        HEADER_KEYS,
        PROGRESS_EVERY,
        ImportReport,
        KindCount,
        import_document,
    )
    from coachdesk.services.exchange.exchange_schema import (
        EXTRA_NATURAL_KEYS,
        FIGURES,
        FORMAT,
        FORMAT_VERSION,
        KIND_ORDER,
        KINDS,
        ExchangeError,
        Field,
        Kind,
        canonical,
        check_record,
        decode_value,
        encode_row,
        encode_value,
        parse_date,
        parse_instant,
    )
    from coachdesk.services.exchange.exchange_scope import (
        BLANK,
        CATALOGUE,
        CHILDREN,
        CONTEXT,
        SUBJECT_COLUMNS,
        PersonSelection,
        person_selection,
    )

_EXPORTS = {
    "ExportReport": "exchange_export", "export_document": "exchange_export", "figure_groups": "exchange_export",
    "load_id_maps": "exchange_export", "write_document": "exchange_export",
    "FLUSH": "exchange_figures", "FigureLoader": "exchange_figures", "GROUP_KEYS": "exchange_figures",
    "HEADER_KEYS": "exchange_import", "ImportReport": "exchange_import", "KindCount": "exchange_import",
    "PROGRESS_EVERY": "exchange_import", "import_document": "exchange_import",
    "EXTRA_NATURAL_KEYS": "exchange_schema", "ExchangeError": "exchange_schema", "FIGURES": "exchange_schema",
    "FORMAT": "exchange_schema", "FORMAT_VERSION": "exchange_schema", "Field": "exchange_schema",
    "KINDS": "exchange_schema", "KIND_ORDER": "exchange_schema", "Kind": "exchange_schema",
    "canonical": "exchange_schema", "check_record": "exchange_schema", "decode_value": "exchange_schema",
    "encode_row": "exchange_schema", "encode_value": "exchange_schema", "parse_date": "exchange_schema",
    "parse_instant": "exchange_schema",
    "BLANK": "exchange_scope", "CATALOGUE": "exchange_scope", "CHILDREN": "exchange_scope", "CONTEXT": "exchange_scope",
    "PersonSelection": "exchange_scope", "SUBJECT_COLUMNS": "exchange_scope", "person_selection": "exchange_scope",
}

__all__ = [*_EXPORTS]
__getattr__, __dir__ = lazy_face(__name__, _EXPORTS)

