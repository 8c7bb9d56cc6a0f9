"""PDF documents built with reportlab from plain frozen dataclasses (no Qt, no SQLAlchemy)."""
