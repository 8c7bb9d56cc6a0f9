"""Use cases the GUI and the CLI call: plain functions and small classes over a ``Database``, no Qt."""
