"""A fixed default locale for tests of how dates read: British English (31/12/2026) or German (31.12.2026), put back
afterwards; `no_iso(text)` names any ISO day (2026-12-31) left in a text."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale

ISO_DAY = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def no_iso(text: str) -> list[str]:
    return ISO_DAY.findall(text)


def _with(locale: QLocale) -> Iterator[None]:
    before = QLocale()
    QLocale.setDefault(locale)
    try:
        yield
    finally:
        QLocale.setDefault(before)


@pytest.fixture
def en_gb() -> Iterator[None]:
    yield from _with(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))


@pytest.fixture
def de_de() -> Iterator[None]:
    yield from _with(QLocale(QLocale.Language.German, QLocale.Country.Germany))
