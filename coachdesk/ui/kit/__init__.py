"""The UI kit: operations off the GUI thread, the change channel, one read-only table, form parts and words."""
