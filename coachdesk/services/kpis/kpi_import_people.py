"""Match the agents a KPI file names to people, and create, map or skip the ones nobody matches.

Matching tries the external id, the e-mail, then the name or an alias (case, spacing and accents ignored, "Last,
First" read as "First Last", a middle name or initial one side leaves out). A name that is only near a person's (an
initial, swapped words, a likely typo) is never matched nor created on its own: it waits for the user's choice.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from coachdesk.domain.enums import AuditAction, Role
from coachdesk.domain.names import natural_order, near_reason, same_name, tokens
from coachdesk.domain.text import name_key
from coachdesk.importers.shapes import AgentRef
from coachdesk.services import common as common_api
from coachdesk.storage.models import Person, PersonAlias, PersonExternalId, PersonRole

CREATE, SKIP = "create", "skip"
#: How many unknown agents a plan lists in full.
UNKNOWN_KEPT = 500


def agent_key(agent: AgentRef) -> str:
    """The stable key of an agent as a file names them, for the choices of ``ImportOptions.people``."""
    return "|".join(agent)


def agent_label(agent: AgentRef) -> str:
    agent_id, email, name = agent
    label = name or email or agent_id
    extra = [part for part in (agent_id, email) if part and part != label]
    return f"{label} ({', '.join(extra)})" if extra else label


@dataclass(frozen=True)
class UnknownPerson:
    """An agent the file names whom nobody in the database matches (or more than one person matches)."""

    key: str
    agent_id: str
    email: str
    name: str
    rows: int
    first_row: int
    #: "unknown", "ambiguous: ...", "near match: ..." or the action taken (create, skip)
    status: str
    #: people this agent may be, for a near match: (UUID, name, why)
    candidates: tuple[tuple[str, str, str], ...] = ()

    @property
    def label(self) -> str:
        return agent_label((self.agent_id, self.email, self.name))


class PeopleResolver:
    """Resolves ``AgentRef``s to person ids, remembering each answer; unknown agents are counted with their rows.

    ``create`` makes a person (role agent, external id under ``id_system``) for every unknown agent; ``choices``
    says, per ``agent_key``, "create", "skip" or the UUID of the person to map the agent to (who then keeps the
    file's spelling as an alias, and its id as an external id, so the next file matches on its own). With
    ``write=False`` nothing is written: agents to be created get temporary negative ids.
    """

    def __init__(self, session: Session, *, create: bool = False, choices: Mapping[str, str] | None = None,
                 id_system: str = "acd", write: bool = False, source: str = "") -> None:
        self.session = session
        self.create = create
        self.choices = dict(choices or {})
        self.id_system = id_system
        self.write = write
        self.source = source
        self._cache: dict[AgentRef, int | None] = {}
        self._rows: dict[AgentRef, list[int]] = {}  # unknown agent -> [rows, first row, last row]
        self._status: dict[AgentRef, str] = {}
        #: agents found to be one person already known, with nothing to count: ``resolve`` without the call
        self.settled: dict[AgentRef, int] = {}
        self.created: list[str] = []
        self.mapped: list[str] = []
        #: what this import added, for its undo: person UUIDs, alias ids, external-id ids
        self.created_uuids: list[str] = []
        self.added_aliases: list[PersonAlias] = []
        self.added_ids: list[PersonExternalId] = []
        self._next_placeholder = -1
        self._by_ext: dict[str, set[int]] = {}
        self._by_email: dict[str, set[int]] = {}
        self._by_name: dict[str, set[int]] = {}
        #: (first word, last word) of every name and alias -> (person id, the name), for the looser matches
        self._by_ends: dict[tuple[str, str], list[tuple[int, str]]] = {}
        self._names: list[tuple[int, str]] = []
        self._near: dict[AgentRef, tuple[tuple[str, str, str], ...]] = {}
        for person_id, value in session.execute(select(PersonExternalId.person_id, PersonExternalId.value)):
            self._by_ext.setdefault(value.strip().casefold(), set()).add(person_id)
        for person_id, email, key, display in session.execute(select(Person.id, Person.email, Person.name_key,
                                                                      Person.display_name)):
            if email:
                self._by_email.setdefault(email.strip().casefold(), set()).add(person_id)
            self._by_name.setdefault(key, set()).add(person_id)
            self._index_name(person_id, display)
        for person_id, key, alias in session.execute(select(PersonAlias.person_id, PersonAlias.alias_key,
                                                            PersonAlias.alias)):
            self._by_name.setdefault(key, set()).add(person_id)
            self._index_name(person_id, alias)

    def _index_name(self, person_id: int, name: str) -> None:
        words = tokens(name)
        if words:
            self._names.append((person_id, name))
            self._by_ends.setdefault((words[0], words[-1]), []).append((person_id, name))

    def _known(self, person_id: int, display: str) -> None:
        """A person this import creates: later rows with the same name (in any spelling) match them. Near matches
        are only sought among people who were in the database before: two agents of one file are two people."""
        self._by_name.setdefault(name_key(display), set()).add(person_id)
        words = tokens(display)
        if words:
            self._by_ends.setdefault((words[0], words[-1]), []).append((person_id, display))

    def _loose(self, name: str) -> set[int]:
        """People whose name or alias is the same name as ``name`` but for order or middle names."""
        words = tokens(name)
        if len(words) < 2:
            return set()
        return {pid for pid, known in self._by_ends.get((words[0], words[-1]), []) if same_name(name, known)}

    def _near_matches(self, name: str) -> tuple[tuple[int, str, str], ...]:
        """(person id, their name, why) of people ``name`` may be, at most five."""
        out: dict[int, tuple[int, str, str]] = {}
        for person_id, known in self._names:
            if person_id in out:
                continue
            why = near_reason(name, known)
            if why is not None:
                out[person_id] = (person_id, known, why)
                if len(out) >= 5:
                    break
        return tuple(out.values())

    @property
    def matched(self) -> int:
        return sum(1 for agent, pid in self._cache.items() if pid is not None and agent not in self._status)

    def resolve(self, agent: AgentRef, row: int) -> int | None:
        """The person id for ``agent`` (negative when it would be created), or None when it is left out."""
        try:
            person_id = self._cache[agent]
        except KeyError:
            person_id = self._cache[agent] = self._first_resolve(agent)
            if person_id is not None and person_id > 0 and agent not in self._status:
                self.settled[agent] = person_id
        if person_id is None or person_id < 0 or agent in self._status:
            counts = self._rows.get(agent)
            if counts is None:
                self._rows[agent] = [1, row, row]
            elif counts[2] != row:
                counts[0] += 1
                counts[2] = row
        return person_id

    def _lookup(self, agent: AgentRef) -> tuple[set[int], str]:
        agent_id, email, name = agent
        steps = []
        if agent_id:
            steps.append(("id", self._by_ext.get(agent_id.casefold())))
        if email:
            steps.append(("e-mail", self._by_email.get(email.casefold())))
        if name:
            steps.append(("name", self._by_name.get(name_key(name))))
            if natural_order(name) != name:
                steps.append(("name", self._by_name.get(name_key(natural_order(name)))))
            steps.append(("name", self._loose(name)))
            steps.append(("id", self._by_ext.get(name.casefold())))  # a login written in the agent column
            if "@" in name:
                steps.append(("e-mail", self._by_email.get(name.casefold())))
        if agent_id and not name and " " in agent_id.strip():  # a login column that holds names (Amazon Connect)
            steps.append(("name", self._by_name.get(name_key(agent_id))))
            steps.append(("name", self._by_name.get(name_key(natural_order(agent_id)))))
        for how, found in steps:
            if found:
                return found, how
        return set(), ""

    def _first_resolve(self, agent: AgentRef) -> int | None:
        found, how = self._lookup(agent)
        if len(found) == 1:
            return next(iter(found))
        key = agent_key(agent)
        choice = self.choices.get(key) or self._choice_by_name(agent)
        if len(found) > 1 and choice is None:
            self._status[agent] = f"ambiguous: the {how} matches {len(found)} people"
            return None
        near = self._near_matches(agent[2]) if agent[2] and not found and choice is None else ()
        if near:
            uuids = dict(self.session.execute(select(Person.id, Person.uuid).where(
                Person.id.in_([pid for pid, _name, _why in near]))).all())
            self._near[agent] = tuple((uuids.get(pid, "created by this import"), known, why)
                                      for pid, known, why in near)
            names = ", ".join(f"{known} ({why})" for _pid, known, why in near)
            self._status[agent] = f"near match: {names}; choose who it is, or create a new person"
            return None
        if choice == SKIP:
            self._status[agent] = SKIP
            return None
        if choice and choice != CREATE:
            person = self.session.scalar(select(Person).where(Person.uuid == choice))
            if person is None:
                self._status[agent] = f"mapped to {choice}, who is not in the database"
                return None
            self._status[agent] = f"mapped to {person.display_name}"
            if self.write:
                self._learn(person, agent)
            return person.id
        if choice == CREATE or self.create:
            self._status[agent] = CREATE
            return self._create(agent)
        self._status[agent] = "unknown"
        return None

    def _choice_by_name(self, agent: AgentRef) -> str | None:
        """A choice given by the agent's name or id as the file writes it (the CLI's ``--person NAME=...``)."""
        for part in (agent[2], agent[0], agent[1]):
            if part and part in self.choices:
                return self.choices[part]
        return None

    def _learn(self, person: Person, agent: AgentRef) -> None:
        agent_id, _email, name = agent
        if name and name_key(name) != person.name_key and name_key(name) not in {a.alias_key for a in person.aliases}:
            alias = PersonAlias(person_id=person.id, alias=name, alias_key=name_key(name))
            self.session.add(alias)
            self.added_aliases.append(alias)
        if agent_id and agent_id.casefold() not in self._by_ext:
            external = PersonExternalId(person_id=person.id, system=self.id_system, value=agent_id)
            self.session.add(external)
            self.added_ids.append(external)
            self._by_ext[agent_id.casefold()] = {person.id}
        self.mapped.append(f"{agent_label(agent)} -> {person.display_name}")

    def _create(self, agent: AgentRef) -> int:
        agent_id, email, name = agent
        display = natural_order(name) if name else email or agent_id
        self.created.append(display)
        if not self.write:
            self._next_placeholder -= 1
            self._known(self._next_placeholder, display)
            return self._next_placeholder
        given, _, family = display.partition(" ") if name else (None, "", None)
        person = Person(display_name=display, given_name=given or None, family_name=family or None,
                        name_key=name_key(display), email=email or None)
        self.session.add(person)
        self.session.flush()
        self.created_uuids.append(person.uuid)
        self._known(person.id, display)
        if agent_id:
            self.session.add(PersonExternalId(person_id=person.id, system=self.id_system, value=agent_id))
            self._by_ext[agent_id.casefold()] = {person.id}
        self.session.add(PersonRole(person_id=person.id, role=Role.AGENT))
        common_api.record(self.session, AuditAction.CREATE, "person", person.uuid,
                     f"Created {display} for a KPI import of {self.source}")
        return person.id

    def unknown(self) -> list[UnknownPerson]:
        """Agents not matched to anyone, with what was done about them, most rows first."""
        out = []
        for agent, (rows, first, _last) in sorted(self._rows.items(), key=lambda item: (-item[1][0], item[1][1])):
            status = self._status.get(agent, "unknown")
            if status.startswith("mapped to") and not status.endswith("database"):
                continue
            out.append(UnknownPerson(agent_key(agent), agent[0], agent[1], agent[2], rows, first, status,
                                     self._near.get(agent, ())))
            if len(out) >= UNKNOWN_KEPT:
                break
        return out

