"""The longest texts CoachDesk keeps (``domain.limits.FREE_TEXT_MAX`` in every free-text field of a one-to-one) still
print within 10 seconds, and one character more is refused at save with a sentence naming the field."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from coachdesk.domain.enums import ItemKind, Visibility
from coachdesk.domain.errors import ValidationError
from coachdesk.domain.limits import FREE_TEXT_MAX
from coachdesk.domain.text import name_key
from coachdesk.services import reports
from coachdesk.services.common import open_store, sqlite_location
from coachdesk.storage.models import OneToOne, OneToOneItem, Person


def words(n: int, seed: int) -> str:
    rnd = random.Random(seed)
    out: list[str] = []
    size = 0
    while size < n:
        word = "".join(rnd.choice("abcdefghijklmnopqrstuvwxyzé") for _ in range(rnd.randint(1, 12)))
        out.append(word)
        size += len(word) + 1
    return " ".join(out)[:n]


@pytest.fixture
def db(tmp_path: Path):  # noqa: ANN201
    store = open_store(sqlite_location(tmp_path / "long.sqlite3"))
    yield store.db
    store.db.dispose()


def test_a_one_to_one_with_the_longest_allowed_texts_prints_within_10_s(db) -> None:  # noqa: ANN001
    with db.unit_of_work() as s:
        agent = Person(display_name="Longest Texts", name_key=name_key("Longest Texts"), notes=words(FREE_TEXT_MAX, 1))
        s.add(agent)
        s.flush()
        one = OneToOne(agent_id=agent.id, type="review", summary=words(FREE_TEXT_MAX, 2),
                       agent_comments="x" * FREE_TEXT_MAX,  # one unbroken "word": the worst case for line breaking
                       acknowledgement_comment=words(FREE_TEXT_MAX, 3))
        s.add(one)
        s.flush()
        s.add_all(OneToOneItem(one_to_one_id=one.id, kind=kind, text=words(FREE_TEXT_MAX, 10 + i),
                               visibility=Visibility.SHARED)
                  for i, kind in enumerate([ItemKind.NOTE, ItemKind.NOTE, ItemKind.ACTION, ItemKind.NOTE]))
        uuid = one.uuid
    started = time.perf_counter()
    pdf = reports.one_to_one_pdf(db, uuid)
    seconds = time.perf_counter() - started
    print(f"\none-to-one with 7 texts of {FREE_TEXT_MAX:,} characters: {len(pdf) / 1e3:.0f} kB PDF in {seconds:.1f} s")
    assert pdf.startswith(b"%PDF") and len(pdf) > 50_000
    assert seconds < 10


def test_one_character_more_is_refused_naming_the_field(db) -> None:  # noqa: ANN001
    with db.unit_of_work() as s:
        s.add(Person(display_name="Fits", name_key="fits", notes="n" * FREE_TEXT_MAX))
    with pytest.raises(ValidationError, match=r"Notes \(person\) is 20,001 characters long; the most CoachDesk "
                                              r"keeps is 20,000"):
        with db.unit_of_work() as s:
            s.add(Person(display_name="Too long", name_key="too long", notes="n" * (FREE_TEXT_MAX + 1)))
    with pytest.raises(ValidationError, match=r"Display name \(person\) is 201 characters"):
        with db.unit_of_work() as s:
            s.add(Person(display_name="d" * 201, name_key="d"))
