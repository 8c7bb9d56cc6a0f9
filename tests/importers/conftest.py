"""Under mutmut (./dev.sh mutate) the property tests run instrumented on a loaded machine: no per-example deadline
there, so a slow example is never mistaken for a killed mutant or stops the stats run."""

from __future__ import annotations

import os

from hypothesis import settings

if os.environ.get("MUTANT_UNDER_TEST"):
    settings.register_profile("mutmut", deadline=None)
    settings.load_profile("mutmut")
