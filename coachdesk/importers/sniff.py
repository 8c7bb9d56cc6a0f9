"""Open a delimited or spreadsheet export as a table: sniff its layout, then stream its data rows.

Sniffing finds the encoding, delimiter, decimal mark and the header after any preamble; the row iterator skips
blank rows, totals rows, repeated headers and note lines, counting each with its reason.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from coachdesk.importers.encodings import guess as guess_encoding
from coachdesk.importers.values import cached, is_missing, parse_duration, parse_number

#: Delimiters tried, in order of preference when two fit a file equally well.
DELIMITERS = (",", ";", "\t", "|")
#: How many non-blank records may come before the header (a title, filters, an export date...).
MAX_PREAMBLE = 30
SAMPLE_BYTES = 256 * 1024
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
#: How many row numbers a skip reason keeps, to show where it happened.
SKIP_ROWS_KEPT = 5

BLANK, REPEATED_HEADER, TOTALS, NOTE = ("blank row", "repeated header row", "totals row",
                                        "note line (a single cell under a wider header)")
_TOTALS = re.compile(r"^(?:grand\s+|sub-?\s*)?totals?\b|^(?:sum|summary|overall|averages?|all agents|report total)$")
_TOTAL_STARTS = frozenset("tTgGsSaAoOrR")
_BLANK_STARTS = frozenset(" \t\u00a0")
_NORMALISE = re.compile(r"[^a-z0-9%#]+")


def normalise_header(text: object) -> str:
    """Header text for comparison: case-folded, BOM and punctuation dropped, single spaces."""
    return _NORMALISE.sub(" ", str(text).replace("\ufeff", "").casefold()).strip()


@dataclass
class SkipLog:
    """Rows left out, counted by reason, with the first few row numbers of each."""

    counts: Counter = field(default_factory=Counter)
    rows: dict[str, list[int]] = field(default_factory=dict)

    def add(self, reason: str, row: int) -> None:
        self.counts[reason] += 1
        kept = self.rows.setdefault(reason, [])
        if len(kept) < SKIP_ROWS_KEPT:
            kept.append(row)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def lines(self) -> list[str]:
        out = []
        for reason, count in self.counts.most_common():
            where = ", ".join(str(r) for r in self.rows.get(reason, []))
            more = ", ..." if count > len(self.rows.get(reason, [])) else ""
            out.append(f"{count} {reason}{'s' if count != 1 and not reason.endswith(')') else ''} (rows {where}{more})")
        return out


@dataclass(frozen=True)
class TableInfo:
    """What sniffing found out about a file."""

    file: str
    path: str
    size: int
    kind: str  # "delimited" or "spreadsheet"
    encoding: str
    delimiter: str
    decimal: str
    header: tuple[str, ...]
    #: 1-based line (or sheet row) of the header
    header_row: int
    preamble: tuple[str, ...] = ()
    sheet: str | None = None
    #: how the encoding was found: "given", "UTF-8 (byte-order mark)", "not UTF-8; detected as cp1251 (...)"
    encoding_note: str = ""


class TableError(ValueError):
    """The file cannot be read as a table at all; the text says why."""


# -- encodings and delimiters -------------------------------------------------------------------------------------

def detect_encoding(path: Path) -> str:
    """The file's encoding (see ``detect_encoding_how``)."""
    return detect_encoding_how(path)[0]


def detect_encoding_how(path: Path) -> tuple[str, str]:
    """(encoding, how it was found): a BOM, UTF-16's NUL-byte pattern, valid UTF-8 (the whole file is checked),
    else the lines holding non-ASCII bytes are given to ``encodings.guess`` (charset-normalizer and a
    plausibility check)."""
    with path.open("rb") as handle:
        head = handle.read(4096)
        if head.startswith(codecs.BOM_UTF8):
            return "utf-8-sig", "UTF-8 (byte-order mark)"
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16", "UTF-16 (byte-order mark)"
        if len(head) >= 4 and head.count(b"\x00") >= len(head) // 4:
            odd = head[1::2].count(b"\x00")
            found = "utf-16-le" if odd > head[0::2].count(b"\x00") else "utf-16-be"
            return found, f"{found.upper()} (no byte-order mark; NUL bytes every other byte)"
        decoder = codecs.getincrementaldecoder("utf-8")()
        handle.seek(0)
        try:
            while chunk := handle.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            handle.seek(0)
            return guess_encoding(_non_ascii_lines(handle))
    return "utf-8", "UTF-8"


def _non_ascii_lines(handle, limit: int = 256 * 1024) -> bytes:  # noqa: ANN001
    """The lines of a binary handle that hold bytes above 127, up to ``limit`` bytes of them."""
    out = bytearray()
    for line in handle:
        if not line.isascii():
            out += line
            if len(out) >= limit:
                break
    return bytes(out)


def _records(text: str, delimiter: str, limit: int) -> list[tuple[int, list[str]]]:
    """``(first line of the record, cells)`` for up to ``limit`` records of ``text``."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    out: list[tuple[int, list[str]]] = []
    previous = 0
    try:
        for cells in reader:
            out.append((previous + 1, cells))
            previous = reader.line_num
            if len(out) >= limit:
                break
    except csv.Error:
        pass
    return out


def _drop_torn_tail(text: str) -> str:
    """A sample cut mid-record: keep whole lines only."""
    cut = max(text.rfind("\n"), 0)
    return text[:cut] if cut else text


def sniff_delimiter(sample: str) -> str:
    """The delimiter that splits most records into the same number (> 1) of fields; quotes are respected, so a
    ``"; "`` inside a quoted field, or an unquoted ``; `` list in a comma file, does not fool it."""
    best, best_score = ",", -1
    for delimiter in DELIMITERS:
        if delimiter not in sample:
            continue
        widths = [len(cells) for _line, cells in _records(sample, delimiter, 200) if any(c.strip() for c in cells)]
        if not widths:
            continue
        width, count = Counter(widths).most_common(1)[0]
        score = count * (width - 1)
        if score > best_score:
            best, best_score = delimiter, score
    return best


_COMMA_DECIMAL = re.compile(r"^[-+]?(?:\d{1,3}(?:\.\d{3})+|\d+),\d+%?$")
_DOT_DECIMAL = re.compile(r"^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d+%?$")


def sniff_decimal(rows: list[list[object]]) -> str:
    """``","`` when numbers such as ``12,5`` or ``1.234,5`` outnumber ``12.5`` and ``1,234.5``, else ``"."``.

    ``1,234`` alone (thousands or decimal?) counts for neither.
    """
    comma = dot = 0
    for cells in rows:
        for cell in cells:
            if not isinstance(cell, str) or not cell or not (cell[0].isdigit() or cell[0] in "+-"):
                continue
            text = cell.strip()
            if _COMMA_DECIMAL.match(text) and not re.match(r"^[-+]?\d{1,3}(,\d{3})+$", text):
                comma += 1
            elif _DOT_DECIMAL.match(text):
                dot += 1
    return "," if comma > dot else "."


# -- the header ---------------------------------------------------------------------------------------------------

def _texty(cell: object) -> bool:
    if not isinstance(cell, str) or is_missing(cell):
        return False
    text = cell.strip()
    for parse in (parse_number, parse_duration):
        try:
            parse(text)
        except ValueError:
            continue
        return False
    return not re.match(r"^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}", text)


def find_header(records: list[list[object]], hint: Callable[[list[str]], int] | None = None) -> int:
    """Index of the header among ``records``: a row of mostly text labels, at least half as wide as the data.

    ``hint`` scores a candidate by how many headers it recognises; the best-scored candidate wins, else the first.
    """
    widths = [sum(1 for c in cells if not is_missing(c)) for cells in records]
    usable = [w for w in widths if w >= 2]
    if not usable:
        raise TableError("no row with two or more filled cells in the first rows: this is not a table")
    wide = Counter(usable).most_common(1)[0][0]
    candidates: list[int] = []
    seen = 0
    for index, cells in enumerate(records):
        if widths[index] == 0:
            continue
        seen += 1
        if seen > MAX_PREAMBLE + 1:
            break
        filled = [c for c in cells if not is_missing(c)]
        if len(filled) >= max(2, wide // 2) and sum(_texty(c) for c in filled) >= 0.6 * len(filled):
            candidates.append(index)
    if not candidates:
        raise TableError("no header row found in the first rows (a row of column names such as Agent, Date, AHT)")
    if hint is not None:
        scored = [(hint([str(c) for c in records[i]]), -i) for i in candidates]
        score, best = max(scored)
        if score > 0:
            return -best
    return candidates[0]


# -- opening and streaming ----------------------------------------------------------------------------------------

class _CountingReader(io.RawIOBase):
    """A raw binary stream that counts the bytes read through it, for a progress fraction."""

    def __init__(self, handle: io.BufferedReader) -> None:
        self._handle = handle
        self.consumed = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # noqa: ANN001
        count = self._handle.readinto(buffer)
        self.consumed += count or 0
        return count

    def close(self) -> None:
        self._handle.close()
        super().close()


class Table:
    """A sniffed file: ``info`` says how it was read, ``rows()`` streams its data rows as ``(row number, cells)``."""

    def __init__(self, path: str | Path, *, delimiter: str | None = None, encoding: str | None = None,
                 sheet: str | None = None, header_hint: Callable[[list[str]], int] | None = None) -> None:
        self.path = Path(path)
        try:
            size = self.path.stat().st_size
        except OSError as exc:
            raise TableError(f"cannot be read: {exc.strerror or exc}") from None
        if size == 0:
            raise TableError("the file is empty")
        self._consumed = 0
        self._raw: _CountingReader | None = None
        self._size = size
        self._encoding_note = ""
        if self.path.suffix.casefold() in SPREADSHEET_SUFFIXES or _is_spreadsheet(self.path):
            from coachdesk.importers.spreadsheet import read_rows

            self._spreadsheet = lambda: read_rows(self.path, sheet)
            try:
                head, sheet_name = self._spreadsheet_head()
            except ValueError as exc:
                raise TableError(str(exc)) from None
            self.info = self._sniff(head, "spreadsheet", "", ",", header_hint, sheet_name)
        else:
            self._spreadsheet = None
            if encoding:
                try:
                    enc, self._encoding_note = codecs.lookup(encoding).name, "given"
                except LookupError:
                    raise TableError(f"{encoding!r} is not an encoding Python knows (such as utf-8, cp1252, "
                                     "cp1251, iso-8859-2, shift_jis, utf-16)") from None
            else:
                enc, self._encoding_note = detect_encoding_how(self.path)
            with self.path.open("r", encoding=enc, errors="replace", newline="") as handle:
                sample = handle.read(SAMPLE_BYTES)
            if len(sample) >= SAMPLE_BYTES:
                sample = _drop_torn_tail(sample)
            sample = sample.lstrip("\ufeff")
            if not sample.strip():
                raise TableError("the file holds no text")
            delim = delimiter or sniff_delimiter(sample)
            self.info = self._sniff(_records(sample, delim, 400), "delimited", enc, delim, header_hint, None)

    def _spreadsheet_head(self) -> tuple[list[tuple[int, list[object]]], str]:
        rows = self._spreadsheet()
        head = []
        for item in rows:
            head.append(item)
            if len(head) >= 400:
                break
        return head, rows.name

    def _sniff(self, numbered: list[tuple[int, list[object]]], kind: str, encoding: str, delimiter: str,
               hint: Callable[[list[str]], int] | None, sheet: str | None) -> TableInfo:
        records = [cells for _line, cells in numbered]
        index = find_header(records, hint)
        header = tuple(str(c).replace("\ufeff", "").strip() if c is not None else "" for c in records[index])
        preamble = tuple(" ".join(str(c) for c in cells if not is_missing(c)) for cells in records[:index]
                         if any(not is_missing(c) for c in cells))
        self._header_index = index
        decimal = sniff_decimal(records[index + 1:])
        return TableInfo(self.path.name, str(self.path), self._size, kind, encoding, delimiter, decimal, header,
                         numbered[index][0], preamble, sheet, self._encoding_note)

    @property
    def fraction(self) -> float:
        """How far the current ``rows()`` pass has got, from 0 to 1."""
        consumed = self._raw.consumed if self._raw is not None else self._consumed
        return min(1.0, consumed / self._size) if self._size else 1.0

    def _raw_records(self) -> Iterator[tuple[int, list[object]]]:
        if self._spreadsheet is not None:
            try:
                rows = self._spreadsheet()
            except ValueError as exc:
                raise TableError(str(exc)) from None
            total = max(rows.total, 1)
            for number, cells in rows:
                self._consumed = int(self._size * min(1.0, number / total))
                yield number, cells
            self._consumed = self._size
            return
        raw = self._raw = _CountingReader(self.path.open("rb"))
        text = io.TextIOWrapper(io.BufferedReader(raw, 1 << 16), encoding=self.info.encoding, errors="replace",
                                newline="")
        try:
            reader = csv.reader(text, delimiter=self.info.delimiter)
            try:
                # the row number is the line where the record ends: the record's own line unless a quoted cell
                # spans lines
                for cells in reader:
                    yield reader.line_num, cells
            except csv.Error as exc:
                raise TableError(f"line {reader.line_num}: not readable as {self._delimiter_name()}: {exc}") from None
        finally:
            text.close()
            self._raw = None
        self._consumed = self._size

    def _delimiter_name(self) -> str:
        return {",": "comma-separated", ";": "semicolon-separated", "\t": "tab-separated",
                "|": "pipe-separated"}.get(self.info.delimiter, "delimited") + " text"

    def rows(self, skipped: SkipLog | None = None, tick: Callable[[int], None] | None = None,
             every: int = 2000) -> Iterator[tuple[int, list[object]]]:
        """Data rows after the header, blank/totals/repeated-header/note rows left out and counted in ``skipped``.

        ``tick(records)`` is called every ``every`` records (progress, a cancel check that may raise) and at the end.
        """
        skipped = skipped if skipped is not None else SkipLog()
        count = 0
        header = list(self.info.header)
        width = len(header)
        first = header[0] if header else ""
        records = self._raw_records()
        for index, _item in enumerate(records):
            if index == self._header_index:
                break
        blank_starts, total_starts = _BLANK_STARTS, _TOTAL_STARTS
        totals = cached(lambda text: _TOTALS.match(text.casefold()) is not None, 50_000)  # first cells repeat
        for item in records:
            count += 1
            if count == every and tick is not None:
                tick(count)
                count = 0
            number, cells = item
            # the common row first: a full row whose first cell is text (so not blank) and not the header's
            if cells:
                c0 = cells[0]
                if type(c0) is str and c0 and c0[0] not in blank_starts and len(cells) == width and c0 != first:
                    if c0[0] in total_starts and totals(c0):
                        skipped.add(TOTALS, number)
                        continue
                    yield item
                    continue
            if not any(cells):
                skipped.add(BLANK, number)
                continue
            reason = _classify(cells, width, header)
            if reason is not None:
                skipped.add(reason, number)
                continue
            if len(cells) < width:
                cells = cells + [""] * (width - len(cells))
            yield number, cells
        if tick is not None:
            tick(count)

    def sample(self, limit: int = 200) -> list[tuple[int, list[object]]]:
        """The first ``limit`` data rows, for proposing a mapping."""
        out = []
        for item in self.rows(SkipLog()):
            out.append(item)
            if len(out) >= limit:
                break
        return out


def _classify(cells: list[object], width: int, header: list[str]) -> str | None:
    """Why a row is not data (blank, totals, repeated header, a note line), or None for a data row."""
    filled = [c for c in cells if not is_missing(c)] if any(type(c) is str for c in cells) else \
        [c for c in cells if c is not None and c != ""]
    if not filled:
        return BLANK
    lead = next((c for c in cells[:2] if isinstance(c, str) and c.strip()), None)
    if lead is not None and _TOTALS.match(lead.strip().casefold()):
        return TOTALS
    if len(filled) == 1 and width >= 3 and len(cells) < width:
        return NOTE
    if str(cells[0]).strip() == header[0] and [str(c).strip() for c in cells[:width]] == header:
        return REPEATED_HEADER
    return None


def _is_spreadsheet(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            magic = handle.read(8)
    except OSError:
        return False
    return magic.startswith(b"PK\x03\x04") or magic.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
