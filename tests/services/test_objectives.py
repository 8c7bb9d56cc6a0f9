"""SMART objectives on a real SQLite file: reading levels in their unit, baselines from history, the SMART check
with the team's distribution, the lifecycle with who and when, and the history of every change."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from coachdesk.domain.enums import MeasureKind, ObjectiveStatus
from coachdesk.domain.objectives import FieldError
from coachdesk.domain.smart import Verdict
from coachdesk.services.goals import objectives as svc
from coachdesk.services.goals.objective_types import ObjectiveInput
from coachdesk.storage.models import Objective, ObjectiveChange
from tests.services.objective_helpers import AGENTS, DUE, START, add_calls, add_ratings, behaviour_uuid, seed_centre

BEFORE = START - timedelta(days=30)  # inside the 90 days before the start


@pytest.fixture
def centre(db):  # noqa: ANN001, ANN201
    centre = seed_centre(db)
    # the team's AHT over the 90 days before the start, two days each: weighted means 460 (Amelia), 440, ... 360 s
    for n, name in enumerate(AGENTS):
        level = 460 - 20 * n
        add_calls(db, centre.agents[name], BEFORE, [level - 50, level + 50], [10, 10])
    return centre


def aht_input(centre, **changes) -> ObjectiveInput:  # noqa: ANN001
    data = dict(person_uuid=centre.amelia, statement="Bring my AHT down to 6:20 by using the knowledge base",
                measure_kind=MeasureKind.KPI, kpi_code="AHT", commit="6:35", target="6:20", stretch="6:05",
                start_date=START, due_date=DUE, weight_percent="40")
    data.update(changes)
    return ObjectiveInput(**data)


def count(db, model) -> int:  # noqa: ANN001
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_create_reads_levels_in_the_unit_and_computes_the_baseline(db, centre) -> None:  # noqa: ANN001
    detail = svc.create_objective(db, aht_input(centre), actor_uuid=centre.leader)
    assert (detail.commit, detail.target, detail.stretch) == (395, 380, 365)
    # Amelia's 90 days before the start: 410 s and 510 s with 10 calls each -> 460 s
    assert detail.baseline == pytest.approx(460)
    assert detail.weight_percent == 40 and detail.status is ObjectiveStatus.DRAFT
    assert [(c.field, c.new_value, c.changed_by) for c in detail.changes] == [("status", "draft", "Laura Bennett")]
    percent = svc.create_objective(db, ObjectiveInput(centre.amelia, "Raise my FCR to 95% this quarter",
                                                      kpi_code="FCR", target="95", start_date=START, due_date=DUE))
    assert percent.target == pytest.approx(0.95) and percent.baseline is None


@pytest.mark.parametrize(("changes", "field", "words"), [
    ({"due_date": START - timedelta(days=1)}, "due_date", "is not after the start date"),
    ({"weight_percent": 120}, "weight", "120% is outside 0-100%"),
    ({"weight_percent": "heavy"}, "weight", "not a percentage"),
    ({"target": "5:75"}, "target", "seconds go up to 59"),
    ({"commit": "6:00"}, "commit", "Commit level: 6:00 is better than the target 6:20"),
    ({"stretch": "6:30"}, "stretch", "Stretch level: 6:30 is short of the target"),
    ({"statement": " "}, "statement", "cannot be empty"),
    ({"kpi_code": "NOPE"}, "kpi", "no KPI has the code 'NOPE'"),
    ({"measure_kind": MeasureKind.BEHAVIOUR, "kpi_code": None}, "behaviour", "choose a behaviour"),
    ({"goal_uuid": "gone"}, "goal", "no longer in the database"),
])
def test_bad_input_is_refused_and_nothing_is_saved(db, centre, changes, field, words) -> None:  # noqa: ANN001
    with pytest.raises(FieldError, match=words) as error:
        svc.create_objective(db, aht_input(centre, **changes))
    assert error.value.field == field
    assert count(db, Objective) == 0 and count(db, ObjectiveChange) == 0


def test_smart_check_judges_the_target_against_the_team(db, centre) -> None:  # noqa: ANN001
    # six teammates at 360, 380, ... 460 s: the best 10% reached 370 s (rank 0.5 of 0..5: 360 + 0.5 x 20)
    context = svc.smart_context(db, centre.amelia, MeasureKind.KPI, "AHT", start=START)
    assert sorted(context.team_values) == [360, 380, 400, 420, 440, 460]
    assert context.baseline == pytest.approx(460) and context.in_role_set and context.role_label == "Agent"
    result = svc.check_objective(db, aht_input(centre, commit="6:15", target="6:05", stretch="6:00"))
    a = result.letter("A")
    assert a.verdict is Verdict.FAILS
    assert a.message == "The target 6:05 is beyond what the best 10% of the team reached in the last 90 days (6:10)."
    assert result.letter("R").verdict is Verdict.DOUBTFUL  # no goal: no line of sight
    easy = svc.check_objective(db, aht_input(centre, commit="7:30", target="7:20", stretch="7:00"))
    assert easy.letter("A").verdict is Verdict.OK
    assert easy.letter("A").message == "83% of the team reached 7:20 or better in the last 90 days."  # 5 of 6


def test_agreeing_a_failing_objective_needs_a_written_reason(db, centre) -> None:  # noqa: ANN001
    detail = svc.create_objective(db, aht_input(centre, commit="6:15", target="6:05", stretch="6:00"))
    with pytest.raises(FieldError, match=r"A \(Achievable\): The target 6:05 is beyond") as error:
        svc.set_status(db, detail.uuid, ObjectiveStatus.AGREED, actor_uuid=centre.leader)
    assert error.value.field == "override_reason"
    assert svc.objective_detail(db, detail.uuid).status is ObjectiveStatus.DRAFT
    agreed = svc.set_status(db, detail.uuid, ObjectiveStatus.AGREED, actor_uuid=centre.leader,
                            override_reason="She was at 6:40 before her leave; she asked for it.")
    assert agreed.status is ObjectiveStatus.AGREED
    assert agreed.smart_override_reason == "She was at 6:40 before her leave; she asked for it."
    assert agreed.status_changed_by == "Laura Bennett" and agreed.status_changed_at is not None
    last = agreed.changes[-1]
    assert (last.field, last.old_value, last.new_value) == ("status", "draft", "agreed")
    assert last.reason.startswith("SMART override: She was at 6:40")


def test_lifecycle_and_every_change_kept(db, centre) -> None:  # noqa: ANN001
    detail = svc.create_objective(db, aht_input(centre))
    svc.set_status(db, detail.uuid, ObjectiveStatus.AGREED, actor_uuid=centre.leader)
    edited = svc.update_objective(db, detail.uuid, aht_input(centre, target="6:25", due_date=DUE + timedelta(days=30),
                                                             baseline=460.0),
                                  expected_version=svc.objective_detail(db, detail.uuid).version,
                                  actor_uuid=centre.leader, reason="Leave in February")
    changes = [(c.field, c.old_value, c.new_value, c.reason) for c in edited.changes[2:]]
    assert changes == [("target_level", "6:20", "6:25", "Leave in February"),
                       ("due_date", "2026-03-31", "2026-04-30", "Leave in February")]
    with pytest.raises(FieldError, match="a agreed objective cannot become agreed|already agreed"):
        svc.set_status(db, detail.uuid, ObjectiveStatus.AGREED)
    achieved = svc.set_status(db, detail.uuid, ObjectiveStatus.ACHIEVED, actor_uuid=centre.leader)
    assert achieved.status is ObjectiveStatus.ACHIEVED
    with pytest.raises(FieldError, match="reopen it before editing"):
        svc.update_objective(db, detail.uuid, aht_input(centre))
    with pytest.raises(FieldError, match="Reason: say why"):
        svc.set_status(db, detail.uuid, ObjectiveStatus.AGREED)
    svc.set_status(db, detail.uuid, ObjectiveStatus.AGREED, reason="Figures were corrected")
    withdrawn = svc.set_status(db, detail.uuid, ObjectiveStatus.WITHDRAWN)
    assert [c.new_value for c in withdrawn.changes if c.field == "status"] == [
        "draft", "agreed", "achieved", "agreed", "withdrawn"]
    with pytest.raises(FieldError, match="a withdrawn objective cannot become achieved"):
        svc.set_status(db, detail.uuid, ObjectiveStatus.ACHIEVED)


def test_an_agreed_objective_edited_into_failure_needs_an_override(db, centre) -> None:  # noqa: ANN001
    detail = svc.create_objective(db, aht_input(centre))
    svc.set_status(db, detail.uuid, ObjectiveStatus.AGREED)
    with pytest.raises(FieldError, match="would now fail its SMART check"):
        svc.update_objective(db, detail.uuid, aht_input(centre, commit="6:15", target="6:05", stretch="6:00"))
    assert svc.objective_detail(db, detail.uuid).target == 380  # unchanged
    kept = svc.update_objective(db, detail.uuid, aht_input(centre, commit="6:15", target="6:05", stretch="6:00",
                                                           override_reason="Agreed with her manager"))
    assert kept.target == 365 and kept.smart_override_reason == "Agreed with her manager"


def test_behaviour_baseline_comes_from_ratings(db, centre) -> None:  # noqa: ANN001
    # before the start: Good, Excellent, Developing, N/A -> 2 of 3 applicable ratings at Good or better
    add_ratings(db, centre.amelia, "EMPATHY", BEFORE, [0.6667, 1.0, 0.3333, None])
    detail = svc.create_objective(db, ObjectiveInput(
        centre.amelia, "Be rated Good or better on empathy in 3 of every 4 observations",
        MeasureKind.BEHAVIOUR, behaviour_uuid=behaviour_uuid(db, "EMPATHY"), commit="50%", target="3 of 4",
        stretch="100", start_date=START, due_date=DUE))
    assert detail.baseline == pytest.approx(2 / 3)
    assert (detail.commit, detail.target, detail.stretch) == (0.5, 0.75, 1.0)
    assert detail.measure.kind is MeasureKind.BEHAVIOUR and detail.measure.code == "EMPATHY"


def test_stale_edit_is_refused(db, centre) -> None:  # noqa: ANN001
    from coachdesk.services.people.people_types import EditConflict

    detail = svc.create_objective(db, aht_input(centre))
    svc.update_objective(db, detail.uuid, aht_input(centre, target="6:25"), expected_version=detail.version)
    with pytest.raises(EditConflict):
        svc.update_objective(db, detail.uuid, aht_input(centre, target="6:15"), expected_version=detail.version)


def test_other_person_and_today(db, centre) -> None:  # noqa: ANN001
    detail = svc.create_objective(db, aht_input(centre))
    with pytest.raises(FieldError, match="stays with its person"):
        svc.update_objective(db, detail.uuid, aht_input(centre, person_uuid=centre.agents["Farah Khan"]))
    assert svc.smart_result(db, detail.uuid, on=date(2026, 6, 1)).letter("T").verdict is Verdict.DOUBTFUL
