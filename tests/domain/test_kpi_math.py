"""KPI arithmetic on hand-computed cases: aggregation rules, percentiles, trends and forecasts."""

from __future__ import annotations

import math
from datetime import date, timedelta

import pytest

from coachdesk.domain.enums import Aggregation, Direction, Unit
from coachdesk.domain.kpi_math import (
    DayFigure,
    aggregate,
    best_share_level,
    fit_trend,
    forecast,
    percentile,
    share_at_or_better,
    share_good,
)

D0 = date(2024, 1, 1)  # a Monday


def day(n: int) -> date:
    return D0 + timedelta(days=n)


def test_weighted_mean_of_aht_is_not_the_mean_of_daily_ahts() -> None:
    # 10 calls at 300 s and 40 calls at 600 s: (3,000 + 24,000) / 50 = 540 s, while the mean of the days is 450 s
    figures = [DayFigure(day(0), 300, 10), DayFigure(day(1), 600, 40)]
    weighted = aggregate(figures, Aggregation.WEIGHTED_MEAN)
    assert weighted.value == pytest.approx(540)
    assert weighted.volume == 50 and weighted.days == 2 and not weighted.unweighted
    assert aggregate(figures, Aggregation.MEAN).value == pytest.approx(450)


def test_weighted_mean_skips_days_without_contacts_and_falls_back_when_no_volume() -> None:
    figures = [DayFigure(day(0), 300, 10), DayFigure(day(1), 0, 0), DayFigure(day(2), 500, None)]
    assert aggregate(figures, Aggregation.WEIGHTED_MEAN).value == pytest.approx(300)
    plain = aggregate([DayFigure(day(0), 300), DayFigure(day(1), 400)], Aggregation.WEIGHTED_MEAN)
    assert plain.value == pytest.approx(350) and plain.unweighted
    assert aggregate([DayFigure(day(0), 300, 0)], Aggregation.WEIGHTED_MEAN).value is None


def test_sum_and_mean_and_nothing() -> None:
    figures = [DayFigure(day(n), v) for n, v in enumerate((40, 35, 52))]
    assert aggregate(figures, Aggregation.SUM).value == 127
    assert aggregate(figures, Aggregation.MEAN).value == pytest.approx(127 / 3)
    assert aggregate([], Aggregation.MEAN).value is None


def test_percentile_interpolates_between_ranks() -> None:
    assert percentile([4, 1, 3, 2], 0.9) == pytest.approx(3.7)  # rank 2.7 of 0..3: 3 + 0.7 x (4 - 3)
    assert percentile([4, 1, 3, 2], 0.1) == pytest.approx(1.3)
    assert percentile([5], 0.9) == 5
    assert percentile([], 0.5) is None
    with pytest.raises(ValueError):
        percentile([1], 1.5)


def test_best_ten_percent_follows_the_direction() -> None:
    values = [0.70, 0.72, 0.75, 0.78, 0.80, 0.81, 0.82, 0.85, 0.86, 0.90, 0.95]  # 11 teammates
    assert best_share_level(values, 0.1, Direction.HIGHER_IS_BETTER) == pytest.approx(0.90)  # rank 9 of 0..10
    aht = [300, 320, 340, 360, 380, 400, 420, 440, 460, 480, 500]
    assert best_share_level(aht, 0.1, Direction.LOWER_IS_BETTER) == pytest.approx(320)  # rank 1 of 0..10
    assert share_at_or_better(aht, 330, Direction.LOWER_IS_BETTER) == pytest.approx(2 / 11)


def test_least_squares_trend() -> None:
    trend = fit_trend([DayFigure(day(n), 10 + 2 * n) for n in range(5)])
    assert trend is not None
    assert trend.slope == pytest.approx(2) and trend.intercept == pytest.approx(10)
    assert trend.at(day(10)) == pytest.approx(30)
    noisy = fit_trend([DayFigure(day(n), v) for n, v in enumerate((1, 3, 2, 5, 4))])
    # x mean 2, y mean 3; Sxy = (-2)(-2)+(-1)(0)+0+1(2)+2(1) = 8; Sxx = 10
    assert noisy.slope == pytest.approx(0.8) and noisy.at(day(2)) == pytest.approx(3)
    assert fit_trend([DayFigure(day(n), 1) for n in range(4)]) is None  # too few days


def test_forecast_of_a_mean_continues_the_line() -> None:
    # 10-day period, 5 days so far on the line 10 + 2x; the 5 days left would be 20, 22, 24, 26, 28 (mean 24):
    # (70 + 5 x 24) / 10 = 19, the mean of the whole line
    figures = [DayFigure(day(n), 10 + 2 * n) for n in range(5)]
    result = forecast(figures, Aggregation.MEAN, day(0), day(9), day(4))
    assert result is not None and result.value == pytest.approx(19) and result.slope_per_day == pytest.approx(2)
    total = forecast(figures, Aggregation.SUM, day(0), day(9), day(4))
    assert total.value == pytest.approx(70 + 5 * 24)


def test_forecast_expects_as_many_working_days_as_so_far() -> None:
    # Mon 1 - Sun 14 Jan; figures Mon-Fri of week one (10..18 on the line 10 + 2x), today is Sunday 7th.
    # 5 figure days in 7 elapsed: 7 days left -> 5 expected figure days; middle of 8-14 Jan is the 11th (x = 10),
    # where the line is 30: (70 + 5 x 30) / 10 = 22
    figures = [DayFigure(day(n), 10 + 2 * n) for n in range(5)]
    result = forecast(figures, Aggregation.MEAN, day(0), day(13), day(6))
    assert result.value == pytest.approx(22)


def test_forecast_of_a_weighted_mean_uses_volumes() -> None:
    # AHT falling 5 s a day from 400; volumes 10, 30, 10, 30, 10 (mean 18)
    values = [400, 395, 390, 385, 380]
    volumes = [10, 30, 10, 30, 10]
    figures = [DayFigure(day(n), v, w) for n, (v, w) in enumerate(zip(values, volumes, strict=True))]
    so_far = aggregate(figures, Aggregation.WEIGHTED_MEAN)
    assert so_far.value == pytest.approx((4000 + 11850 + 3900 + 11550 + 3800) / 90)  # 390
    result = forecast(figures, Aggregation.WEIGHTED_MEAN, day(0), day(9), day(4), Unit.SECONDS)
    # the weighted line is still 400 - 5x (symmetric volumes); the 5 days left average 400 - 5 x 7 = 365, with
    # 5 x 18 = 90 contacts: (390 x 90 + 365 x 90) / 180 = 377.5
    assert result.value == pytest.approx(377.5)


def test_forecast_clamps_percentages_and_is_final_after_the_due_date() -> None:
    figures = [DayFigure(day(n), 0.80 + 0.05 * n) for n in range(5)]  # would pass 100% in a few days
    result = forecast(figures, Aggregation.MEAN, day(0), day(29), day(4), Unit.PERCENT)
    assert result.value <= 1.0
    # so far mean 0.90 over 5 days; 25 days left at 100%: (4.5 + 25) / 30
    assert result.value == pytest.approx((4.5 + 25) / 30)
    final = forecast(figures, Aggregation.MEAN, day(0), day(4), day(8))
    assert final.final and final.value == pytest.approx(0.90)
    assert forecast(figures[:3], Aggregation.MEAN, day(0), day(9), day(2)) is None


@pytest.mark.parametrize(("rule", "start", "due", "today"), [
    (Aggregation.WEIGHTED_MEAN, 0, 9, 4),  # under way: the trend of the days so far
    (Aggregation.SUM, 2, 12, 6),  # figures before the start left out
    (Aggregation.MEAN, 0, 6, 6),  # the due date itself: final
    (Aggregation.MEAN, 1, 5, 8),  # past due: final, figures after the due date left out
])
def test_forecast_given_the_figures_so_far_is_the_same_forecast(rule: Aggregation, start: int, due: int,
                                                                today: int) -> None:
    figures = [DayFigure(day(n), 400 - 5 * n + (n % 3), 10 + 20 * (n % 2)) for n in range(10)]
    until = [f for f in figures if day(start) <= f.day <= min(day(today), day(due))]
    given = forecast(until, rule, day(start), day(due), day(today), Unit.SECONDS,
                     so_far=(until, aggregate(until, rule)))
    assert given is not None and given == forecast(figures, rule, day(start), day(due), day(today), Unit.SECONDS)
    assert given.final is (today >= due)


def test_share_of_good_ratings() -> None:
    assert share_good([1.0, 0.6667, 0.3333, None, 0.0], 0.66) == (0.5, 4)
    assert share_good([None], 0.66) == (None, 0)


def test_nothing_to_aggregate_rests_on_no_days() -> None:
    empty = aggregate([DayFigure(day(0), math.nan)], Aggregation.MEAN)
    assert empty.value is None and empty.days == 0


def test_a_weighted_trend_counts_each_day_by_its_volume() -> None:
    # AHT flat at 300 s for four days, then 310 s; volumes 2, 20, 2, 20, 2 (symmetric, so the weighted mean day is 2).
    # Unweighted: Sxx = 4+1+0+1+4 = 10, Sxy = 2 x 10 = 20, slope 2. Weighted: Sxx = 2x4+20+0+20+2x4 = 56,
    # Sxy = 2 x 2 x 10 = 40, slope 40/56 = 5/7: the busy flat days hold the line down.
    figures = [DayFigure(day(n), v, w) for n, (v, w) in enumerate(zip((300, 300, 300, 300, 310), (2, 20, 2, 20, 2),
                                                                       strict=True))]
    assert fit_trend(figures).slope == pytest.approx(2)
    assert fit_trend(figures, weighted=True).slope == pytest.approx(5 / 7)
    result = forecast(figures, Aggregation.WEIGHTED_MEAN, day(0), day(9), day(4), Unit.SECONDS)
    assert result.slope_per_day == pytest.approx(5 / 7)
    assert forecast(figures, Aggregation.MEAN, day(0), day(9), day(4), Unit.SECONDS).slope_per_day == pytest.approx(2)


def test_a_weighted_forecast_weighs_the_days_so_far_by_volume() -> None:
    # on the line 400 - 5x, volumes 10, 10, 10, 10, 50: so far (4000 + 3950 + 3900 + 3850 + 19000) / 90 = 34700/90;
    # 5 days left at the mean volume 18 (90 contacts) averaging 400 - 5 x 7 = 365: (34700 + 90 x 365) / 180
    figures = [DayFigure(day(n), 400 - 5 * n, w) for n, w in enumerate((10, 10, 10, 10, 50))]
    result = forecast(figures, Aggregation.WEIGHTED_MEAN, day(0), day(9), day(4), Unit.SECONDS)
    assert result.value == pytest.approx((34700 + 90 * 365) / 180)


def test_days_without_a_usable_volume_do_not_count_towards_a_weighted_trend() -> None:
    # five days on the line, but one had no contacts and one no volume figure: three weighted days, too few
    figures = [DayFigure(day(n), 10 + 2 * n, w) for n, w in enumerate((5, 0, 5, None, 5))]
    assert fit_trend(figures, weighted=True) is None
    assert fit_trend(figures) is not None
    with_gaps = figures + [DayFigure(day(5), math.nan, 5), DayFigure(day(6), 22, 5)]
    assert fit_trend(with_gaps, weighted=True) is None  # the NaN day is no figure: still four days


def test_small_volumes_still_give_a_weighted_trend() -> None:
    # volumes 1/16, 1/4, 1, 1/4, 1/16 (symmetric around day 2): Sxx = 8 x 1/16 + 2 x 1/4 = 1, slope 2 on the line
    figures = [DayFigure(day(n), 10 + 2 * n, w) for n, w in enumerate((0.0625, 0.25, 1.0, 0.25, 0.0625))]
    trend = fit_trend(figures, weighted=True)
    assert trend is not None and trend.slope == pytest.approx(2)


def test_forecast_of_a_total_gives_its_slope_and_a_finished_period_without_figures_gives_nothing() -> None:
    figures = [DayFigure(day(n), 10 + 2 * n) for n in range(5)]
    assert forecast(figures, Aggregation.SUM, day(0), day(9), day(4)).slope_per_day == pytest.approx(2)
    assert forecast(figures, Aggregation.MEAN, day(20), day(29), day(30)) is None


def test_a_rating_a_rounding_error_short_of_good_is_good() -> None:
    assert share_good([0.66 - 1e-9, 0.66 - 2e-9], 0.66) == (0.5, 2)
