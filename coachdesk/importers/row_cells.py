"""One row's cells: which agent it names (and whether that is a person at all), the KPI a long file's name cell
means, and the cached parser that turns a KPI's cells into base units."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from coachdesk.domain.names import placeholder_reason
from coachdesk.domain.text import printable
from coachdesk.importers import mapping as m
from coachdesk.importers.mapping import KpiSpec, Mapping
from coachdesk.importers.sniff import normalise_header
from coachdesk.importers.values import FRACTION, cached, parse_count, parse_duration, parse_number, parse_percent

#: (raw agent id, e-mail, name) as the row writes them; empty strings where the file says nothing.
AgentRef = tuple[str, str, str]
Figure = tuple[int, AgentRef, str, date, date, float]

NO_AGENT = "no agent (blank name and id): a totals or summary line"
TEMPLATE = "not an agent: a template user"
NOT_PERSON = "not an agent: a queue, group, system or totals line"
NO_VALUES = "no KPI values in the row"
#: What a part of a derived KPI may be written as to mean "no time" (Avaya CMS writes "-" for no after-call work).
DASHES = frozenset({"-", "--", "\u2013", "\u2014"})
_NOT_PEOPLE = frozenset({"total", "totals", "grand total", "sum", "all", "all agents", "overall", "average",
                         "unassigned", "unknown", "none", "n/a", "system", "ivr", "queue", "voicemail", "(blank)",
                         "no agent", "not assigned"})
_TEMPLATE = re.compile(r"\btemplate\b", re.IGNORECASE)



def non_agent_reason(agent: AgentRef) -> str | None:
    """Why a row's agent is not a person (blank, deleted, a template user, a queue or totals line), or None."""
    agent_id, email, name = agent
    if not (agent_id or email or name):
        return NO_AGENT
    if name and _TEMPLATE.search(name):
        return TEMPLATE
    if (name or agent_id).strip().casefold() in _NOT_PEOPLE:
        return NOT_PERSON
    why = placeholder_reason(name) if name else None
    return None if why is None else f"not an agent: {why} ('{printable(name, 40)}')"


def clean_text(raw: object) -> str:
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    text = str(raw).replace("\u00a0", " ").strip()
    if text.startswith('="') and text.endswith('"'):
        text = text[2:-1].strip()
    return " ".join(text.split()) if "  " in text else text


def agent_reader(mapping: Mapping) -> Callable[[list[object]], AgentRef]:
    """A function from a row's cells to its ``AgentRef``."""
    i_id, i_mail, i_name = mapping.index(m.AGENT_ID), mapping.index(m.EMAIL), mapping.index(m.AGENT_NAME)
    i_first, i_last = mapping.index(m.FIRST_NAME), mapping.index(m.LAST_NAME)
    name_of = cached(clean_text, 200_000)

    def read(cells: list[object]) -> AgentRef:
        name = name_of(cells[i_name]) if i_name is not None else ""
        if not name and (i_first is not None or i_last is not None):
            parts = [name_of(cells[i]) for i in (i_first, i_last) if i is not None]
            name = " ".join(p for p in parts if p)
        return (name_of(cells[i_id]) if i_id is not None else "",
                name_of(cells[i_mail]) if i_mail is not None else "", name)

    return read


def value_parser(spec: KpiSpec, decimal: str, unit: str | None, scale: str | None) -> Callable[[object], float | None]:
    """The cached parser for one KPI's cells, giving base units."""
    if spec.unit == "seconds":
        duration_unit = unit or "seconds"
        return cached(lambda raw: parse_duration(raw, duration_unit, decimal))
    if spec.unit == "percent":
        return cached(lambda raw: parse_percent(raw, decimal, scale or FRACTION))
    if spec.unit == "count":
        return cached(lambda raw: parse_count(raw, decimal))
    return cached(lambda raw: parse_number(raw, decimal))


def kpi_resolver(kpis: dict[str, KpiSpec]) -> Callable[[object], str | None]:
    """Long files: the catalogue code a KPI-name cell means (code, name or synonym), or None."""
    names: dict[str, str] = {}
    for code, spec in kpis.items():
        names[normalise_header(code).replace(" ", "")] = code
        names[normalise_header(spec.name).replace(" ", "")] = code
    for synonym, (code, _confidence) in m.KPI_SYNONYMS.items():
        if code in kpis:
            names.setdefault(synonym, code)

    def resolve(raw: object) -> str | None:
        return names.get(normalise_header(str(raw)).replace(" ", ""))

    return cached(resolve, 10_000)
