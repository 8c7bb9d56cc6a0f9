"""The KPI catalogue and role KPI sets on a real SQLite file."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from coachdesk.domain.enums import Aggregation, Direction, Role, Unit
from coachdesk.domain.objectives import FieldError
from coachdesk.services.goals.objective_types import KpiInput
from coachdesk.services.kpis import kpi_catalogue_admin as admin
from tests.services.objective_helpers import add_figures, seed_centre

REQUIRED = {"AHT", "TALK", "HOLD", "ACW", "ASA", "FCR", "TRANSFER", "CSAT", "DSAT", "NPS", "QA", "QDEV", "CALVAR",
            "ERROR", "TAT", "TRT", "ADHERENCE", "CONFORMANCE", "ANSWERED", "SALESCONV"}

REPEAT = KpiInput("repeat_7d", "Repeat contacts within 7 days", Unit.PERCENT, Direction.LOWER_IS_BETTER, "0.0%",
                  Aggregation.WEIGHTED_MEAN, weight_kpi_code="ANSWERED", band_tolerance="1%")


def test_the_default_catalogue_and_role_sets(db) -> None:  # noqa: ANN001
    rows = admin.list_kpis(db)
    assert REQUIRED <= {r.code for r in rows}
    aht = next(r for r in rows if r.code == "AHT")
    assert (aht.aggregation, aht.weight_kpi_code, aht.band_tolerance_text) == (Aggregation.WEIGHTED_MEAN,
                                                                               "ANSWERED", "0:15")
    sets = admin.role_kpi_sets(db)
    assert {"AHT", "QA", "CSAT"} <= set(sets[Role.AGENT])
    assert {"TAT", "TRT", "AHT"} <= set(sets[Role.TEAM_LEADER])
    assert set(sets[Role.QUALITY_SPECIALIST]) & {"QDEV", "CALVAR"}
    assert {"ERROR", "DSAT"} <= set(sets[Role.INSTRUCTOR])
    assert REQUIRED <= set(sets[Role.OPERATIONS_MANAGER])
    ci = set(sets[Role.OPERATIONS_MANAGER]) - REQUIRED
    assert ci, "operations managers also see continuous-improvement measures"


def test_create_and_edit_a_kpi(db) -> None:  # noqa: ANN001
    row = admin.create_kpi(db, REPEAT)
    assert row.code == "REPEAT_7D" and row.band_tolerance == pytest.approx(0.01) and row.band_tolerance_text == "1.0%"
    edited = admin.update_kpi(db, "repeat_7d", replace(REPEAT, name="Repeat contacts (7 days)", display_format="0%"),
                              expected_version=row.version)
    assert edited.name == "Repeat contacts (7 days)" and edited.display_format == "0%"


@pytest.mark.parametrize(("changes", "field", "words"), [
    ({"code": "1AHT"}, "code", "starting with a letter"),
    ({"code": "aht"}, "code", "AHT is already the code of “Average handle time”"),
    ({"name": ""}, "name", "cannot be empty"),
    ({"weight_kpi_code": None}, "weight_kpi", "needs the volume KPI"),
    ({"weight_kpi_code": "CSAT"}, "weight_kpi", "CSAT is not a volume"),
    ({"aggregation": Aggregation.MEAN}, "weight_kpi", "only a weighted mean is weighted"),
    ({"display_format": "m:ss"}, "display_format", "does not suit a percent KPI"),
    ({"band_tolerance": "lots"}, "band_tolerance", "is not a percentage"),
])
def test_bad_kpi_definitions_are_refused(db, changes, field, words) -> None:  # noqa: ANN001
    with pytest.raises(FieldError, match=words) as error:
        admin.create_kpi(db, replace(REPEAT, **changes))
    assert error.value.field == field
    assert "REPEAT_7D" not in {r.code for r in admin.list_kpis(db)}


def test_unit_cannot_change_under_stored_figures(db) -> None:  # noqa: ANN001
    centre = seed_centre(db)
    admin.create_kpi(db, REPEAT)
    add_figures(db, centre.amelia, "REPEAT_7D", {date(2026, 1, 1): 0.1})
    with pytest.raises(FieldError, match="1 figures of REPEAT_7D are stored in percent") as error:
        admin.update_kpi(db, "REPEAT_7D", replace(REPEAT, unit=Unit.SCORE, display_format="0.00", band_tolerance=None))
    assert error.value.field == "unit"
    assert admin.kpi_detail(db, "REPEAT_7D").figures == 1


def test_role_sets_are_replaced_in_order(db) -> None:  # noqa: ANN001
    assert admin.set_role_kpis(db, Role.COACH, ["csat", "QA"]) == ("CSAT", "QA")
    assert admin.role_kpi_sets(db)[Role.COACH] == ("CSAT", "QA")
    with pytest.raises(FieldError, match="listed twice"):
        admin.set_role_kpis(db, Role.COACH, ["QA", "qa"])
    with pytest.raises(FieldError, match="no KPI has the code 'ZZZ'"):
        admin.set_role_kpis(db, Role.COACH, ["QA", "ZZZ"])
    assert admin.role_kpi_sets(db)[Role.COACH] == ("CSAT", "QA")
    assert admin.set_role_kpis(db, Role.COACH, []) == ()
