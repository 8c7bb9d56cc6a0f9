"""Deterministic demo data.

The public face of this package: code outside it imports these names from here, never from a submodule
(tests/test_layers.py checks it). Names load lazily (PEP 562): importing the face imports no submodule."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coachdesk.services.faces import lazy_face

if TYPE_CHECKING:
    from coachdesk.services.demo.demo import DemoSummary, generate_demo
    from coachdesk.services.demo.demo_build import WEIGHTED_BY_ANSWERED, Builder
    from coachdesk.services.demo.demo_catalogue import Catalogue, load_catalogue
    from coachdesk.services.demo.demo_insert import (
        COLUMNS,
        FIGURE_SQL,
        FLUSH_ROWS,
        REBUILT_INDEXES,
        REBUILT_TABLES,
        RECORD_TAIL,
        Writer,
    )

_EXPORTS = {
    "DemoSummary": "demo", "generate_demo": "demo",
    "Builder": "demo_build", "WEIGHTED_BY_ANSWERED": "demo_build",
    "Catalogue": "demo_catalogue", "load_catalogue": "demo_catalogue",
    "COLUMNS": "demo_insert", "FIGURE_SQL": "demo_insert", "FLUSH_ROWS": "demo_insert",
    "REBUILT_INDEXES": "demo_insert", "REBUILT_TABLES": "demo_insert", "RECORD_TAIL": "demo_insert",
    "Writer": "demo_insert",
}

__all__ = [*_EXPORTS]
__getattr__, __dir__ = lazy_face(__name__, _EXPORTS)

