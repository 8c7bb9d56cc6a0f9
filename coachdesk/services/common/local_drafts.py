"""Drafts kept on this computer while the team server is away: a small journal file in the data folder per server,
database and login, written atomically on every autosave that could not reach the server, and saved into
``personal_setting`` when the server is back (or at the next start), a newer draft on the server being a conflict
for the user to settle. Nothing typed is lost, even when the app is closed during the outage."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
import weakref
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from coachdesk.services.common import outage
from coachdesk.services.common.personal import drop_personal, get_personal, put_personal
from coachdesk.storage.database import Database
from coachdesk.storage.types import utcnow

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DraftConflict:
    """A draft changed on the server (from another computer) after this one kept its own during the outage."""

    key: str
    theirs: str | None  # the server's JSON text now (None: deleted there)
    mine: str | None  # what this computer kept (None: a deletion)


@dataclass(frozen=True)
class SavedDrafts:
    saved: tuple[str, ...]  # keys written to the server
    conflicts: tuple[DraftConflict, ...]  # left in the journal until the user chooses


class DraftJournal:
    """The journal of one server, database and login: ``{key: {"value": json text or None, "kept_at": iso}}``."""

    def __init__(self, path: Path, identity: str) -> None:
        self.path, self.identity = path, identity
        self._lock = threading.Lock()

    def _read(self) -> dict[str, dict]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError):
            log.exception("the local drafts %s cannot be read; kept aside", self.path)
            self.path.replace(self.path.with_suffix(f".unreadable-{int(utcnow().timestamp())}"))
            return {}
        return dict(data.get("drafts", {}))

    def _write(self, drafts: dict[str, dict]) -> None:
        if not drafts:
            self.path.unlink(missing_ok=True)
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_suffix(".partial")
        with partial.open("w", encoding="utf-8") as handle:
            json.dump({"server": self.identity, "drafts": drafts}, handle, ensure_ascii=False, indent=1)
            handle.flush()
            os.fsync(handle.fileno())
        partial.replace(self.path)  # a crash leaves the old journal or the new one, never half of one

    def keep(self, key: str, value_json: str | None) -> None:
        with self._lock:
            drafts = self._read()
            drafts[key] = {"value": value_json, "kept_at": utcnow().isoformat()}
            self._write(drafts)

    def forget(self, key: str) -> None:
        with self._lock:
            drafts = self._read()
            if drafts.pop(key, None) is not None:
                self._write(drafts)

    def pending(self) -> dict[str, str | None]:
        with self._lock:
            return {key: entry.get("value") for key, entry in self._read().items()}

    def save_to(self, db: Database, overwrite: frozenset[str] = frozenset()) -> SavedDrafts:
        """Write every kept draft into the server, in one transaction; a draft the server holds in a newer version
        (its ``saved_at`` later than when this one was kept) is a conflict and stays here, unless its key is in
        ``overwrite`` (the user chose to keep this computer's copy; ``discard_local_draft`` takes the server's)."""
        with self._lock:
            drafts = self._read()
            if not drafts:
                return SavedDrafts((), ())
            saved, conflicts = [], []
            with db.unit_of_work() as session:
                for key, entry in drafts.items():
                    mine, kept_at = entry.get("value"), entry.get("kept_at", "")
                    theirs = get_personal(session, key)
                    if key not in overwrite and theirs not in (None, mine) and _newer(theirs, kept_at):
                        conflicts.append(DraftConflict(key, theirs, mine))
                        continue
                    if mine is None:
                        drop_personal(session, key)
                    else:
                        put_personal(session, key, mine)
                    saved.append(key)
            self._write({k: v for k, v in drafts.items() if k not in saved})
            return SavedDrafts(tuple(saved), tuple(conflicts))


def _newer(value_json: str, kept_at: str) -> bool:
    try:
        saved_at = json.loads(value_json).get("saved_at")
        return bool(saved_at) and datetime.fromisoformat(saved_at) > datetime.fromisoformat(kept_at)
    except (ValueError, TypeError, AttributeError):
        return False


_journals: weakref.WeakKeyDictionary[Database, DraftJournal] = weakref.WeakKeyDictionary()


def identity_of(db: Database) -> str:
    url = db.url
    return f"{url.username or ''}@{url.host or 'localhost'}:{url.port or 5432}/{url.database or ''}"


def keep_drafts_in(db: Database, folder: Path) -> DraftJournal | None:
    """Keep ``db``'s drafts in ``folder`` while its server is away (a team server only: a local file has no outage)."""
    if db.is_sqlite:
        return None
    identity = identity_of(db)
    name = hashlib.sha256(identity.encode()).hexdigest()[:16]
    journal = _journals[db] = DraftJournal(Path(folder) / f"drafts-{name}.json", identity)
    return journal


def draft_journal(db: Database) -> DraftJournal | None:
    return _journals.get(db)


def save_personal_draft(db: Database, key: str, value_json: str | None) -> None:
    """Write (None: delete) this user's draft ``key``. With the server away the draft goes to the local journal
    and ``ServerUnreachable`` says so; once written on the server, an older local copy is forgotten."""
    journal = _journals.get(db)
    if journal is not None and outage.is_down(db):
        journal.keep(key, value_json)
        raise outage.unreachable(db)
    try:
        with db.unit_of_work() as session:
            if value_json is None:
                drop_personal(session, key)
            else:
                put_personal(session, key, value_json)
    except Exception as exc:
        if journal is None or not outage.connection_lost(exc):
            raise
        journal.keep(key, value_json)
        outage.report_lost(db, exc)
        raise outage.unreachable(db) from exc
    if journal is not None:
        journal.forget(key)


def save_local_drafts(db: Database, overwrite: frozenset[str] = frozenset()) -> SavedDrafts:
    """Write the drafts kept on this computer into the server (at start, and when it is back)."""
    journal = _journals.get(db)
    return journal.save_to(db, overwrite) if journal is not None else SavedDrafts((), ())


def discard_local_draft(db: Database, key: str) -> None:
    """The user took the server's version of a conflicting draft: this computer's copy goes."""
    journal = _journals.get(db)
    if journal is not None:
        journal.forget(key)
