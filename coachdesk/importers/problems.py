"""Problems and missing cells met while reading a file's rows: where (file, row, column) and why, the first few
hundred kept, every one counted."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from coachdesk.domain.text import printable
from coachdesk.importers.values import missing_reason

PROBLEMS_KEPT = 200


@dataclass(frozen=True)
class Problem:
    """A cell or row that cannot be read: where (file, row, column) and why."""

    file: str
    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        where = f"{printable(self.file, 80)} row {self.row}" if self.row else printable(self.file, 80)
        reason = printable(self.reason, 400)
        return f"{where}, column '{printable(self.column, 60)}': {reason}" if self.column else f"{where}: {reason}"


@dataclass
class ProblemLog:
    kept: list[Problem] = field(default_factory=list)
    count: int = 0

    def add(self, problem: Problem) -> None:
        self.count += 1
        if len(self.kept) < PROBLEMS_KEPT:
            self.kept.append(problem)


@dataclass
class MissingLog:
    """Cells that held no value, per column: how many, why (empty, NaN%...), and the first row."""

    counts: Counter = field(default_factory=Counter)
    reasons: dict[str, Counter] = field(default_factory=dict)
    first_row: dict[str, int] = field(default_factory=dict)

    def add(self, column: str, raw: object, row: int) -> None:
        self.counts[column] += 1
        self.reasons.setdefault(column, Counter())[missing_reason(raw)] += 1
        self.first_row.setdefault(column, row)

    def warnings(self) -> list[str]:
        out = []
        for column, count in self.counts.most_common():
            why = ", ".join(f"{reason} x{n}" for reason, n in self.reasons[column].most_common(4))
            out.append(f"column {column!r}: {count} cell{'s' if count != 1 else ''} without a value, read as "
                       f"missing ({why}); first on row {self.first_row[column]}")
        return out
