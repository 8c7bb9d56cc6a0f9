"""People and teams: the directory (read side), edits and their rules, roster import, erasure.

The public face of this package: code outside it imports these names from here, never from a submodule
(tests/test_layers.py checks it). Names load lazily (PEP 562): importing the face imports no submodule."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coachdesk.services.faces import lazy_face

if TYPE_CHECKING:
    from coachdesk.services.people.directory import (
        AgentHeader,
        ObjectiveLine,
        PersonRow,
        TeamRow,
        agent_header,
        head_counts,
        list_people,
        list_teams,
        person_row,
        resolve_person,
    )
    from coachdesk.services.people.erasure import (
        ERASED,
        KEPT,
        KEPT_CHILDREN,
        NOT_TEXT,
        SCRUBBED_AUDIT,
        ErasurePreview,
        ErasureReport,
        erase_person,
        preview_erasure,
    )
    from coachdesk.services.people.people_admin import (
        add_alias,
        add_external_id,
        add_membership,
        add_role,
        create_person,
        create_team,
        deactivate_person,
        deactivate_team,
        end_membership,
        end_role,
        move_to_team,
        person_detail,
        reactivate_team,
        remove_alias,
        remove_external_id,
        rename_team,
        team_detail,
        update_person,
        update_team,
    )
    from coachdesk.services.people.people_list import PEOPLE_SORTS, PeopleQuery, PeopleSlice, people_slice
    from coachdesk.services.people.people_rules import (
        apply_team,
        check_memberships,
        check_period,
        check_roles,
        check_version,
        create_person_in,
        create_team_in,
        day_text,
        deactivate_person_in,
        find_team_in,
        get_person,
        get_team,
        membership_lines,
        move_to_team_in,
        normalise_system,
        place_in_team_in,
        replace_role_in,
        role_lines,
        saving,
        set_aliases,
        set_external_ids,
        touch,
        update_person_in,
    )
    from coachdesk.services.people.people_types import (
        KNOWN_SYSTEMS,
        MAX_CADENCE_DAYS,
        EditConflict,
        InvalidField,
        MembershipLine,
        PersonDetail,
        PersonInput,
        RoleLine,
        TeamDetail,
        TeamInput,
    )
    from coachdesk.services.people.reactivation import (
        Deactivation,
        deactivate_person_undoably,
        deactivate_team_undoably,
        undo_deactivation,
    )
    from coachdesk.services.people.roster_import import (
        CREATE,
        MESSAGE_PROBLEMS,
        UNCHANGED,
        UPDATE,
        PlannedRow,
        RosterPreview,
        RosterRejected,
        RosterResult,
        apply,
        preview_roster,
    )

_EXPORTS = {
    "AgentHeader": "directory", "ObjectiveLine": "directory", "PersonRow": "directory", "TeamRow": "directory",
    "agent_header": "directory", "head_counts": "directory", "list_people": "directory", "list_teams": "directory", "person_row": "directory",
    "resolve_person": "directory",
    "ERASED": "erasure", "ErasurePreview": "erasure", "ErasureReport": "erasure", "KEPT": "erasure",
    "KEPT_CHILDREN": "erasure", "NOT_TEXT": "erasure", "SCRUBBED_AUDIT": "erasure", "erase_person": "erasure",
    "preview_erasure": "erasure",
    "add_alias": "people_admin", "add_external_id": "people_admin", "add_membership": "people_admin",
    "add_role": "people_admin", "create_person": "people_admin", "create_team": "people_admin",
    "deactivate_person": "people_admin", "deactivate_team": "people_admin", "end_membership": "people_admin",
    "end_role": "people_admin", "move_to_team": "people_admin", "person_detail": "people_admin",
    "reactivate_team": "people_admin", "remove_alias": "people_admin", "remove_external_id": "people_admin",
    "rename_team": "people_admin", "team_detail": "people_admin", "update_person": "people_admin",
    "update_team": "people_admin",
    "PEOPLE_SORTS": "people_list", "PeopleQuery": "people_list", "PeopleSlice": "people_list", "people_slice": "people_list",
    "apply_team": "people_rules", "check_memberships": "people_rules", "check_period": "people_rules",
    "check_roles": "people_rules", "check_version": "people_rules", "create_person_in": "people_rules",
    "create_team_in": "people_rules", "day_text": "people_rules", "deactivate_person_in": "people_rules",
    "find_team_in": "people_rules", "get_person": "people_rules", "get_team": "people_rules",
    "membership_lines": "people_rules", "move_to_team_in": "people_rules", "normalise_system": "people_rules",
    "place_in_team_in": "people_rules", "replace_role_in": "people_rules", "role_lines": "people_rules",
    "saving": "people_rules", "set_aliases": "people_rules", "set_external_ids": "people_rules",
    "touch": "people_rules", "update_person_in": "people_rules",
    "EditConflict": "people_types", "InvalidField": "people_types", "KNOWN_SYSTEMS": "people_types",
    "MAX_CADENCE_DAYS": "people_types", "MembershipLine": "people_types", "PersonDetail": "people_types",
    "PersonInput": "people_types", "RoleLine": "people_types", "TeamDetail": "people_types",
    "TeamInput": "people_types",
    "Deactivation": "reactivation", "deactivate_person_undoably": "reactivation",
    "deactivate_team_undoably": "reactivation", "undo_deactivation": "reactivation",
    "CREATE": "roster_import", "MESSAGE_PROBLEMS": "roster_import", "PlannedRow": "roster_import",
    "RosterPreview": "roster_import", "RosterRejected": "roster_import", "RosterResult": "roster_import",
    "UNCHANGED": "roster_import", "UPDATE": "roster_import", "apply": "roster_import",
    "preview_roster": "roster_import",
}

__all__ = [*_EXPORTS]
__getattr__, __dir__ = lazy_face(__name__, _EXPORTS)

