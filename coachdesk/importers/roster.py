"""Read a roster CSV into ``RosterRow`` records and ``RosterProblem`` reports, without touching the database.

The reader copes with what real exports look like: UTF-8 with or without a BOM, UTF-16 from Excel's "Unicode
text", a cp1252 fallback; a comma, semicolon or tab delimiter sniffed from the header (quotes respected); header
synonyms; a preamble above the header; blank rows; day/month or month/day dates decided from the whole file.
It never raises for a bad file: everything wrong is reported as a problem naming the line and the field.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from coachdesk.domain.enums import Role
from coachdesk.domain.text import is_email_address, name_key
from coachdesk.importers.dates import month_name

#: Files larger than this are refused: a roster is a few thousand lines at most.
MAX_BYTES = 20 * 1024 * 1024
#: How many non-blank lines may come before the header (a title, an export date...).
MAX_PREAMBLE = 20
DELIMITERS = (",", ";", "\t")
ALIAS_SEPARATOR = "|"

#: Canonical field names, as problems name them.
NAME, GIVEN, FAMILY, EMAIL = "name", "first name", "last name", "email"
ACD, EMPLOYEE, PAYROLL = "acd id", "employee id", "payroll id"
TEAM, ROLE, START, END, ALIASES = "team", "role", "start date", "end date", "aliases"

#: External-id columns and the system each one is stored under.
ID_SYSTEMS = {ACD: "acd", EMPLOYEE: "employee", PAYROLL: "payroll"}

HEADER_SYNONYMS: dict[str, tuple[str, ...]] = {
    NAME: ("name", "display name", "agent", "agent name", "full name", "employee name", "staff name"),
    GIVEN: ("first name", "firstname", "given name", "forename", "first"),
    FAMILY: ("last name", "lastname", "family name", "surname", "last"),
    EMAIL: ("email", "e mail", "email address", "e mail address", "mail"),
    ACD: ("acd id", "agent id", "acd", "acd login", "acd login id", "agent login"),
    EMPLOYEE: ("employee id", "employee number", "employee no", "emp id", "staff id", "staff number"),
    PAYROLL: ("payroll id", "payroll number", "payroll no", "payroll"),
    TEAM: ("team", "team name", "group"),
    ROLE: ("role", "job role", "position", "job title"),
    START: ("start date", "start", "active from", "from", "hire date", "joined"),
    END: ("end date", "end", "active to", "to", "leave date", "leaving date", "left"),
    ALIASES: ("aliases", "alias", "other names", "aka", "also known as"),
}
_HEADER_LOOKUP = {synonym: key for key, synonyms in HEADER_SYNONYMS.items() for synonym in synonyms}

ROLE_SYNONYMS: dict[str, Role] = {
    **dict.fromkeys(("agent", "advisor", "adviser", "csr", "rep", "representative", "associate"), Role.AGENT),
    **dict.fromkeys(("teamleader", "tl", "teamlead", "supervisor", "sup"), Role.TEAM_LEADER),
    **dict.fromkeys(("coach", "performancecoach"), Role.COACH),
    **dict.fromkeys(("qualityspecialist", "qa", "quality", "qualityanalyst", "qualityassurance", "qs"),
                    Role.QUALITY_SPECIALIST),
    **dict.fromkeys(("instructor", "trainer"), Role.INSTRUCTOR),
    **dict.fromkeys(("operationsmanager", "opsmanager", "om", "operationmanager"), Role.OPERATIONS_MANAGER),
}

_ISO_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_NUMERIC_DATE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?)?$")
_DAY_MONTH_NAME = re.compile(r"^(\d{1,2})[ -]([a-z]{3,9})\.?[ ,-]+(\d{4})$")
_MONTH_NAME_DAY = re.compile(r"^([a-z]{3,9})\.? (\d{1,2}),? (\d{4})$")
_MONTHS = {name: number for number, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
     ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
     ("dec", "december")], start=1) for name in names}
_EXCEL_TEXT = re.compile(r'^="(.*)"$')
_SPACES = re.compile(r"\s+")

DMY, MDY = "dmy", "mdy"


def parse_role(text: str) -> Role | None:
    """The role a roster spells ``text`` (``"TL"``, ``"Team Leader"``, ``"QA"``...), or None when unknown."""
    return ROLE_SYNONYMS.get(re.sub(r"[^a-z]", "", text.casefold()))


def role_choices() -> str:
    return ", ".join(role.label.lower() for role in Role)


@dataclass(frozen=True)
class RosterRow:
    """One person as the roster describes them; ``None`` (or empty) means the file says nothing about it."""

    line: int
    display_name: str
    given_name: str | None = None
    family_name: str | None = None
    email: str | None = None
    external_ids: tuple[tuple[str, str], ...] = ()
    team: str | None = None
    role: Role | None = None
    start_date: date | None = None
    end_date: date | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class RosterProblem:
    """Something wrong in the file; ``row`` is the 1-based line in the file (0 for the file as a whole)."""

    file: str
    row: int
    field: str
    reason: str

    def __str__(self) -> str:
        where = f"{self.file} row {self.row}" if self.row else self.file
        return f"{where}, field {self.field}: {self.reason}"


@dataclass(frozen=True)
class RosterParse:
    file: str
    rows: tuple[RosterRow, ...] = ()
    problems: tuple[RosterProblem, ...] = ()
    #: canonical field -> the header the file used for it
    columns: dict[str, str] = field(default_factory=dict)
    ignored_columns: tuple[str, ...] = ()
    encoding: str = ""
    delimiter: str = ""
    #: ``"dmy"``, ``"mdy"`` or None when every date was ISO or unambiguous
    date_order: str | None = None


# -- decoding and sniffing -----------------------------------------------------------------------------------------

def decode(data: bytes) -> tuple[str, str]:
    """Text and encoding name: BOMs first, then strict UTF-8, then cp1252 (never fails)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


def _normalise_header(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.replace("\ufeff", "").casefold()).strip()


def _map_header(cells: list[str]) -> tuple[dict[str, int], list[str], list[str]]:
    """Field -> column index, the ignored headers, and the duplicated fields."""
    mapping: dict[str, int] = {}
    ignored: list[str] = []
    duplicates: list[str] = []
    for index, cell in enumerate(cells):
        key = _HEADER_LOOKUP.get(_normalise_header(cell))
        if key is None:
            if cell.strip():
                ignored.append(cell.strip())
        elif key in mapping:
            duplicates.append(key)
        else:
            mapping[key] = index
    return mapping, ignored, duplicates


def _has_name(mapping: dict[str, int]) -> bool:
    return NAME in mapping or GIVEN in mapping or FAMILY in mapping


def _is_blank(cells: list[str]) -> bool:
    return not any(cell.strip() for cell in cells)


def _records(text: str, delimiter: str) -> Iterable[tuple[int, list[str]]]:
    """``(first line of the record, cells)`` for every record; quoted fields may span lines, and may follow a space
    after the delimiter (``Ann, "Billing, North"``)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"', skipinitialspace=True)
    previous = 0
    for cells in reader:
        yield previous + 1, cells
        previous = reader.line_num


def _header_score(text: str, delimiter: str) -> tuple[int, int, int]:
    """(name found, mapped columns, columns) of the first header-looking record under ``delimiter``."""
    seen = 0
    try:
        for _line, cells in _records(text, delimiter):
            if _is_blank(cells):
                continue
            mapping, _ignored, _dups = _map_header(cells)
            if _has_name(mapping):
                return 1, len(mapping), len(cells)
            seen += 1
            if seen > MAX_PREAMBLE:
                break
    except csv.Error:
        pass
    return 0, 0, 0


def sniff_delimiter(text: str) -> str:
    """The delimiter under which the header is recognised best; quotes are respected, so ``"Smith, Jo"`` is safe."""
    sample = text[:65536]
    scores = {d: _header_score(sample, d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: scores[d])
    if scores[best][0]:
        return best
    first = next((line for line in sample.splitlines() if line.strip()), "")
    return max(DELIMITERS, key=first.count)


# -- values -------------------------------------------------------------------------------------------------------

def _clean(text: str) -> str:
    text = text.replace("\xa0", " ").strip()
    match = _EXCEL_TEXT.match(text)
    if match:
        text = match.group(1).strip()
    return _SPACES.sub(" ", text)


@dataclass
class _DateCell:
    line: int
    field: str
    raw: str
    value: date | None = None
    pair: tuple[int, int, int] | None = None  # (first, second, year) of a numeric d/m/y or m/d/y date
    error: str | None = None


def _read_date(cell: _DateCell) -> None:
    text = cell.raw.casefold()
    try:
        if match := _ISO_DATE.match(text):
            cell.value = date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        elif match := _NUMERIC_DATE.match(text):
            cell.pair = (int(match.group(1)), int(match.group(2)), int(match.group(3)))
        elif (match := _DAY_MONTH_NAME.match(text)) and match.group(2) in _MONTHS:
            cell.value = date(int(match.group(3)), _MONTHS[match.group(2)], int(match.group(1)))
        elif (match := _MONTH_NAME_DAY.match(text)) and match.group(1) in _MONTHS:
            cell.value = date(int(match.group(3)), _MONTHS[match.group(1)], int(match.group(2)))
        else:
            cell.error = f"{cell.raw!r} is not a date (write it as YYYY-MM-DD, D/M/YYYY or M/D/YYYY)"
    except ValueError:
        cell.error = f"{cell.raw!r} is not a real calendar date"


def _resolve_dates(cells: list[_DateCell], file: str, date_order: str | None,
                   problems: list[RosterProblem]) -> str | None:
    """Decide day/month order from every numeric date in the file, then fill in values or problems."""
    numeric = [c for c in cells if c.pair is not None]
    day_first = [c for c in numeric if c.pair[0] > 12 >= c.pair[1]]
    month_first = [c for c in numeric if c.pair[1] > 12 >= c.pair[0]]
    order: str | None
    if day_first and month_first:
        d, m = day_first[0], month_first[0]
        reason = (f"this file mixes day/month/year dates ({d.raw!r} on row {d.line}) and month/day/year dates "
                  f"({m.raw!r} on row {m.line}); use one order, or write dates as YYYY-MM-DD")
        problems.append(RosterProblem(file, m.line, m.field, reason))
        return None
    order = DMY if day_first else MDY if month_first else date_order
    ambiguous: list[_DateCell] = []
    for cell in numeric:
        first, second, year = cell.pair
        if order is None and first != second:
            ambiguous.append(cell)
            continue
        day, month = (first, second) if order in (DMY, None) else (second, first)
        try:
            cell.value = date(year, month, day)
        except ValueError:
            words = "day/month/year" if order in (DMY, None) else "month/day/year"
            cell.error = f"{cell.raw!r} is not a real calendar date (read as {words})"
    if ambiguous:
        first_cell = ambiguous[0]
        a, b, year = first_cell.pair
        more = f" (and {len(ambiguous) - 1} more dates in this file)" if len(ambiguous) > 1 else ""
        reason = (f"{first_cell.raw!r} could be {a} {month_name(b)} {year} or {b} {month_name(a)} {year}{more}; "
                  "write dates as YYYY-MM-DD or choose the day/month order")
        problems.append(RosterProblem(file, first_cell.line, first_cell.field, reason))
    for cell in cells:
        if cell.error:
            problems.append(RosterProblem(file, cell.line, cell.field, cell.error))
    return order


# -- the reader ---------------------------------------------------------------------------------------------------

def read_roster(path: str | Path, date_order: str | None = None) -> RosterParse:
    """Read the roster at ``path``; problems (missing file included) are reported, never raised."""
    path = Path(path)
    file = path.name or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return RosterParse(file, problems=(RosterProblem(
                file, 0, "file", f"the file is {size // (1024 * 1024)} MB; a roster should be far smaller"),))
        data = path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return RosterParse(file, problems=(RosterProblem(file, 0, "file", f"cannot be read: {reason}"),))
    text, encoding = decode(data)
    parsed = parse_roster_text(text, file, date_order)
    return RosterParse(parsed.file, parsed.rows, parsed.problems, parsed.columns, parsed.ignored_columns, encoding,
                       parsed.delimiter, parsed.date_order)


def parse_roster_text(text: str, file: str = "roster.csv", date_order: str | None = None) -> RosterParse:
    """Parse roster text already decoded; ``date_order`` (``"dmy"``/``"mdy"``) settles ambiguous dates."""
    if date_order is not None:
        date_order = date_order.casefold()
        if date_order not in (DMY, MDY):
            date_order = None
    text = text.lstrip("\ufeff")
    if not text.strip():
        return RosterParse(file, problems=(RosterProblem(file, 0, "file", "the file is empty"),))
    delimiter = sniff_delimiter(text)
    problems: list[RosterProblem] = []
    try:
        records = list(_records(text, delimiter))
    except csv.Error as exc:
        return RosterParse(file, problems=(RosterProblem(file, 0, "file", f"is not a readable CSV file: {exc}"),),
                           delimiter=delimiter)
    header_at = None
    seen = 0
    for index, (_line, cells) in enumerate(records):
        if _is_blank(cells):
            continue
        if _has_name(_map_header(cells)[0]):
            header_at = index
            break
        seen += 1
        if seen > MAX_PREAMBLE:
            break
    if header_at is None:
        reason = ("no header row found: the first rows need a name column, such as 'Name', 'Agent name', or "
                  "'First name' and 'Last name'")
        return RosterParse(file, problems=(RosterProblem(file, 1, "header", reason),), delimiter=delimiter)
    header_line, header = records[header_at]
    mapping, ignored, duplicates = _map_header(header)
    for key in duplicates:
        problems.append(RosterProblem(file, header_line, key, f"more than one column means {key}; keep only one"))
    columns = {key: header[index].strip() for key, index in mapping.items()}

    drafts: list[tuple[int, dict[str, str]]] = []
    date_cells: list[_DateCell] = []
    for line, cells in records[header_at + 1:]:
        if _is_blank(cells):
            continue
        values = {key: _clean(cells[index]) if index < len(cells) else "" for key, index in mapping.items()}
        drafts.append((line, values))
        for key in (START, END):
            if values.get(key):
                date_cells.append(_DateCell(line, key, values[key]))
    for cell in date_cells:
        _read_date(cell)
    order = _resolve_dates(date_cells, file, date_order, problems)
    dates = {(c.line, c.field): c.value for c in date_cells}

    rows: list[RosterRow] = []
    first_seen: dict[tuple[str, str], int] = {}
    for line, values in drafts:
        row = _build_row(file, line, values, dates, problems)
        if row is None:
            continue
        keys = [(ACD if system == "acd" else EMPLOYEE if system == "employee" else PAYROLL, system, value)
                for system, value in row.external_ids]
        if row.email:
            keys.append((EMAIL, "email", row.email))
        for field_name, system, value in keys:
            earlier = first_seen.setdefault((system, value.casefold()), line)
            if earlier != line:
                problems.append(RosterProblem(file, line, field_name, f"{value!r} is also on row {earlier}"))
        rows.append(row)
    if not rows and not problems:
        problems.append(RosterProblem(file, header_line, "file", "the file has a header but no people"))
    problems.sort(key=lambda p: (p.row, p.field))
    return RosterParse(file, tuple(rows), tuple(problems), columns, tuple(ignored), "", delimiter, order)


def _build_row(file: str, line: int, values: dict[str, str], dates: dict[tuple[int, str], date | None],
               problems: list[RosterProblem]) -> RosterRow | None:
    def problem(field_name: str, reason: str) -> None:
        problems.append(RosterProblem(file, line, field_name, reason))

    given = values.get(GIVEN) or None
    family = values.get(FAMILY) or None
    display = values.get(NAME) or " ".join(part for part in (given, family) if part)
    if not display:
        problem(NAME, "no name: fill in the name, or the first and last name")
        return None
    if len(display) > 200:
        problem(NAME, f"the name is {len(display)} characters long; 200 at most")
    email = values.get(EMAIL) or None
    if email and not is_email_address(email):
        problem(EMAIL, f"{email!r} is not an e-mail address")
    external_ids = tuple((system, values[key]) for key, system in ID_SYSTEMS.items() if values.get(key))
    role = None
    if values.get(ROLE):
        role = parse_role(values[ROLE])
        if role is None:
            problem(ROLE, f"{values[ROLE]!r} is not a known role (one of: {role_choices()})")
    start = dates.get((line, START))
    end = dates.get((line, END))
    if start and end and end < start:
        problem(END, f"the end date {end.isoformat()} is before the start date {start.isoformat()}")
    aliases: list[str] = []
    keys = {name_key(display)}
    for alias in (values.get(ALIASES) or "").split(ALIAS_SEPARATOR):
        alias = _clean(alias)
        if alias and name_key(alias) not in keys:
            keys.add(name_key(alias))
            aliases.append(alias)
    return RosterRow(line=line, display_name=display, given_name=given, family_name=family, email=email,
                     external_ids=external_ids, team=values.get(TEAM) or None, role=role, start_date=start,
                     end_date=end, aliases=tuple(aliases))
