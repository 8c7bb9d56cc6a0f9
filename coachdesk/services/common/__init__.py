"""Shared by every capability: opening the store, the app context, identity, audit, edit conflicts, settings, and
each user's own drafts and preferences (``personal``), a lost team server (``outage``) and the drafts kept on this
computer meanwhile (``local_drafts``).

The public face of this package: code outside it imports these names from here, never from a submodule
(tests/test_layers.py checks it). Names load lazily (PEP 562): importing the face imports no submodule."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coachdesk.services.faces import lazy_face

if TYPE_CHECKING:
    from coachdesk.services.common.audit import record
    from coachdesk.services.common.catalogue import ensure_defaults, load_preset, seed_framework, seed_kpi_catalogue
    from coachdesk.services.common.conflicts import (
        M,
        check,
        locked,
        objective_input_values,
        objective_values,
        person_values,
        record_overwrite,
        text,
    )
    from coachdesk.services.common.context import AppContext
    from coachdesk.services.common.first_run import mark_asked, should_ask_who, suggested_person
    from coachdesk.services.common.identity import SIGNED_IN_KEY, PersonRef, person_id, sign_in_as, signed_in_person
    from coachdesk.services.common.limits import field_limit
    from coachdesk.services.common.local_drafts import (
        DraftConflict,
        SavedDrafts,
        discard_local_draft,
        draft_journal,
        keep_drafts_in,
        save_local_drafts,
        save_personal_draft,
    )
    from coachdesk.services.common.location import Location, resolve_location, sqlite_location
    from coachdesk.services.common.outage import (
        ServerUnreachable,
        connection_lost,
        is_down,
        open_server,
        reconnect,
        report_lost,
        server_and_user,
        server_name,
        watch_connection,
        with_login,
    )
    from coachdesk.services.common.personal import drop_personal, get_personal, personal_keys_among, put_personal
    from coachdesk.services.common.reuse import forget_reused, while_unchanged
    from coachdesk.services.common.search import Found, find_records
    from coachdesk.services.common.settings import (
        LETTER_COUNTRIES,
        LOGO_LIMIT,
        ORGANISATION_MAX,
        PAPERS,
        ReportSettings,
        branding,
        default_paper,
        report_settings,
        save_report_settings,
    )
    from coachdesk.services.common.store import OpenedStore, backup_now, backups_of, is_empty, open_store, restore_from

_EXPORTS = {
    "record": "audit",
    "ensure_defaults": "catalogue", "load_preset": "catalogue", "seed_framework": "catalogue",
    "seed_kpi_catalogue": "catalogue",
    "M": "conflicts", "check": "conflicts", "locked": "conflicts", "objective_input_values": "conflicts",
    "objective_values": "conflicts", "person_values": "conflicts", "record_overwrite": "conflicts", "text": "conflicts",
    "AppContext": "context",
    "PersonRef": "identity", "SIGNED_IN_KEY": "identity", "person_id": "identity", "sign_in_as": "identity",
    "signed_in_person": "identity",
    "field_limit": "limits",
    "DraftConflict": "local_drafts", "SavedDrafts": "local_drafts", "discard_local_draft": "local_drafts",
    "draft_journal": "local_drafts", "keep_drafts_in": "local_drafts", "save_local_drafts": "local_drafts",
    "save_personal_draft": "local_drafts",
    "ServerUnreachable": "outage", "connection_lost": "outage", "is_down": "outage", "open_server": "outage",
    "reconnect": "outage",
    "report_lost": "outage", "server_and_user": "outage", "server_name": "outage", "watch_connection": "outage",
    "with_login": "outage",
    "forget_reused": "reuse", "while_unchanged": "reuse",
    "Found": "search", "find_records": "search",
    "mark_asked": "first_run", "should_ask_who": "first_run", "suggested_person": "first_run",
    "Location": "location", "resolve_location": "location", "sqlite_location": "location",
    "drop_personal": "personal", "get_personal": "personal", "personal_keys_among": "personal",
    "put_personal": "personal",
    "LETTER_COUNTRIES": "settings", "LOGO_LIMIT": "settings", "ORGANISATION_MAX": "settings", "PAPERS": "settings",
    "ReportSettings": "settings",
    "branding": "settings", "default_paper": "settings", "report_settings": "settings",
    "save_report_settings": "settings",
    "OpenedStore": "store", "backup_now": "store", "backups_of": "store", "is_empty": "store", "open_store": "store",
    "restore_from": "store",
}

__all__ = [*_EXPORTS]
__getattr__, __dir__ = lazy_face(__name__, _EXPORTS)

