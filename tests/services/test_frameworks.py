"""The framework editor's save: in place while unused, a new revision once rated; past ratings keep their meaning."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from coachdesk.domain.errors import ValidationError
from coachdesk.domain.observation_rules import ScalePoint
from coachdesk.services.observation import frameworks
from coachdesk.services.observation import observation as obs
from coachdesk.services.observation import observation_history as history
from coachdesk.services.observation.frameworks import BehaviourEdit, CategoryEdit, FrameworkEdit, ScaleEdit
from coachdesk.storage.models import Behaviour, BehaviourFramework, BehaviourKpiLink, BehaviourRating
from tests.services.observe_helpers import seed_cast


def test_the_default_framework_is_shipped_with_its_behaviours(db) -> None:
    edit = frameworks.framework_edit(db)
    assert edit.name == "Customer contact behaviours" and edit.revision == 1 and not edit.in_use
    assert [c.name for c in edit.categories] == ["Connecting with the customer", "Getting it done", "Doing it right"]
    names = [b.name for c in edit.categories for b in c.behaviours]
    assert names == ["Listening skills", "Courtesy", "Tone of voice", "Empathy", "Resolving the customer's issue",
                     "Taking responsibility and ownership", "Asking for the sale", "Compliance and accuracy"]
    listen = edit.categories[0].behaviours[0]
    assert listen.kpis == ["CSAT", "FCR"] and listen.good.startswith("Paraphrases")
    assert {s.name for s in edit.scales} == {"Four-point", "Met / partly / not met"}
    assert edit.default_scale == "Four-point"


def test_an_unused_framework_is_edited_in_place(db) -> None:
    edit = frameworks.framework_edit(db)
    listen = edit.categories[0].behaviours[0]
    listen.good = "Paraphrases the need."
    listen.kpis = ["CSAT"]
    edit.categories[2].behaviours.append(BehaviourEdit("PRIVACY", "Data privacy", "Keeps data safe", "", "",
                                                       ["QA"]))
    del edit.categories[1].behaviours[2]  # asking for the sale
    saved = frameworks.save_framework(db, edit)
    assert saved.revision == 1 and saved.uuid == edit.uuid
    again = frameworks.framework_edit(db)
    behaviours = {b.code: b for c in again.categories for b in c.behaviours}
    assert "SALE" not in behaviours and behaviours["PRIVACY"].kpis == ["QA"]
    assert behaviours["LISTEN"].good == "Paraphrases the need." and behaviours["LISTEN"].kpis == ["CSAT"]
    assert behaviours["LISTEN"].id == listen.id  # the same row, edited
    with db.session() as s:
        assert len(s.scalars(select(BehaviourFramework)).all()) == 1


def test_a_rated_framework_gets_a_new_revision_and_old_ratings_keep_their_meaning(db) -> None:
    cast = seed_cast(db)
    state = obs.start_session(db, cast.agent)
    listen = state.framework.behaviours[0]
    obs.rate(db, state.uuid, listen.id, "3")
    obs.end_session(db, state.uuid)
    edit = frameworks.framework_edit(db)
    assert edit.in_use
    four = next(s for s in edit.scales if s.name == "Four-point")
    four.points = [ScalePoint(1, "Poor", "1", 0.0), ScalePoint(2, "Fine", "2", 0.5), ScalePoint(3, "Great", "3", 1.0),
                   ScalePoint(0, "N/A", "0", None)]
    four.name = "Three-point"
    edit.default_scale = "Three-point"
    for c in edit.categories:
        for b in c.behaviours:
            if b.scale == "Four-point":
                b.scale = "Three-point"
    edit.categories[0].behaviours[0].name = "Active listening"
    saved = frameworks.save_framework(db, edit)
    assert saved.revision == 2 and saved.uuid != edit.uuid and saved.previous_uuid == edit.uuid
    assert [f.revision for f in frameworks.list_frameworks(db)] == [2]
    assert [f.revision for f in frameworks.list_frameworks(db, include_retired=True)] == [2, 1]
    view = frameworks.framework_view(db)
    assert view.revision == 2 and view.behaviours[0].name == "Active listening"
    assert view.behaviours[0].scale.keys() == ("1", "2", "3", "0")
    # the old rating: same behaviour row, label and score as given, the old scale untouched
    with db.session() as s:
        rating = s.scalar(select(BehaviourRating))
        old_behaviour = s.get(Behaviour, rating.behaviour_id)
        assert (rating.label, rating.scale_name) == ("Good", "Four-point")
        assert old_behaviour.name == "Listening skills"
        assert s.scalar(select(BehaviourKpiLink.id).where(BehaviourKpiLink.behaviour_id == old_behaviour.id))
    old_view = frameworks.framework_view(db, edit.uuid)
    assert old_view.behaviours[0].scale.points[2].label == "Good"
    # scores group behaviours by code across revisions
    assert history.period_scores(db, cast.agent, state.started_at.date(), state.started_at.date()).behaviours[0] \
        .score.n == 1
    # a retired revision cannot be edited; a new session uses the new revision
    with pytest.raises(ValidationError, match="retired revision"):
        frameworks.save_framework(db, edit)
    assert obs.start_session(db, cast.agent).framework.revision == 2


def test_a_new_framework_and_bad_edits(db) -> None:
    scale = ScaleEdit("Yes/no", [ScalePoint(1, "Yes", "y", 1.0), ScalePoint(0, "No", "n", 0.0)])
    edit = FrameworkEdit("Chat behaviours", "", "Yes/no", [scale],
                         [CategoryEdit("Writing", [BehaviourEdit("SPELL", "Spelling")])])
    saved = frameworks.save_framework(db, edit)
    assert saved.revision == 1 and saved.behaviours == 1
    assert len(frameworks.list_frameworks(db)) == 2

    def broken(**changes) -> FrameworkEdit:  # noqa: ANN003
        base = frameworks.framework_edit(db, saved.uuid)
        for key, value in changes.items():
            setattr(base, key, value)
        return base

    cases = [
        (broken(name=" "), "needs a name"),
        (broken(default_scale="Nope"), "default rating scale"),
        (broken(categories=[]), "at least one behaviour"),
        (broken(categories=[CategoryEdit("", [BehaviourEdit("A", "A")])]), "Every category"),
        (broken(categories=[CategoryEdit("C", [BehaviourEdit("A", "A"), BehaviourEdit("a", "B")])]), "Two behaviours"),
        (broken(categories=[CategoryEdit("C", [BehaviourEdit("", "A")])]), "short code"),
        (broken(categories=[CategoryEdit("C", [BehaviourEdit("A", "A", kpis=["NOPE"])])]), "unknown KPIs"),
        (broken(categories=[CategoryEdit("C", [BehaviourEdit("A", "A", scale="Other")])]), "unknown scale"),
        (broken(scales=[scale, ScaleEdit("yes/NO", scale.points)]), "same name"),
        (broken(name="Customer contact behaviours"), "already has a revision 1"),
    ]
    for edit, message in cases:
        with pytest.raises(ValidationError, match=message):
            frameworks.save_framework(db, edit)


def test_kpi_choices(db) -> None:
    codes = [k.code for k in frameworks.kpi_choices(db)]
    assert "CSAT" in codes and "FCR" in codes
