"""Aggregate an interaction log (one row per call or contact) into per-agent, per-day KPIs.

Rules, per agent and day:
  ANSWERED  contacts answered (the answered flag; else not abandoned; else any talk or handle time)
  AHT       mean over answered contacts of the handle time, or of talk + hold + after-call work
  TALK, ASA mean talk time and speed of answer over answered contacts that have one
  HOLD, ACW total hold / after-call work over answered contacts (an empty cell is none) / answered
  FCR       answered contacts marked resolved / answered;  TRANSFER likewise with the transferred flag
  CSAT      share of rated contacts in the scale's top two points; with csat_rule "mean", the mean rating goes to
            the mean-score KPI of its scale instead (CSAT_SCORE for 1-5), never to CSAT, which is a share;
  DSAT      the share in the bottom two points of a 5- or 7-point scale.
Per-day means are stored, so the catalogue's weighted means (by ANSWERED) recombine them exactly over any period.
A 0 rating on a scale whose other ratings run 1-5 (or 1-7) is not a point on the scale: it is read as "not rated",
and the report says so with the counts; on a 0-10 scale 0 is a real rating.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from datetime import date

from coachdesk.domain.kpi_scales import MEAN, RATING_5, RATING_10
from coachdesk.importers import mapping as m
from coachdesk.importers.mapping import KpiSpec, Mapping
from coachdesk.importers.values import cached, parse_duration, parse_flag, parse_number

# Accumulator slots of one (agent, day) group.
FIRST_ROW, _ROWS, ANSWERED, HANDLE_SUM, HANDLE_N, TALK_SUM, TALK_N, HOLD_SUM, ACW_SUM, ASA_SUM, ASA_N, RESOLVED, \
    TRANSFERRED, RATINGS = range(14)
#: top-two-box threshold and bottom-two ceiling of each rating scale, by its top point
SCALES = {5: (1, 4, 2), 7: (1, 6, 2), 10: (0, 9, None), 100: (0, 80, None)}


class CallAggregator:
    def __init__(self, mapping: Mapping, kpis: dict[str, KpiSpec], decimal: str) -> None:
        self.kpis = kpis
        self.csat_rule = mapping.csat_rule
        flag = cached(parse_flag)
        number = cached(lambda raw: parse_number(raw, decimal))

        def column(name: str):  # noqa: ANN202
            spec = mapping.column_for(name)
            if spec is None:
                return None
            if name in m.DURATION_FIELDS:
                unit = spec.unit or "seconds"
                return spec.index, spec.column, cached(lambda raw: parse_duration(raw, unit, decimal))
            if name in m.FLAG_FIELDS:
                return spec.index, spec.column, flag
            return spec.index, spec.column, number

        self.answered = column(m.ANSWERED)
        self.abandoned = column(m.ABANDONED)
        self.resolved = column(m.RESOLVED)
        self.transferred = column(m.TRANSFERRED)
        self.handle = column(m.HANDLE)
        self.talk = column(m.TALK)
        self.hold = column(m.HOLD)
        self.acw = column(m.ACW)
        self.speed = column(m.SPEED)
        self.rating = column(m.RATING)
        self.specs = (self.answered, self.abandoned, self.handle, self.talk, self.hold, self.acw, self.speed,
                      self.resolved, self.transferred, self.rating)
        self.read = self._reader(self.specs)
        self.groups: dict[tuple[object, date], list] = {}
        self._zeros = [0]  # zero ratings on unanswered contacts
        self._ratings: Counter | None = None
        self.missing: Counter = Counter()
        self.missing_first: dict[str, tuple[object, int]] = {}

    @staticmethod
    def _reader(specs: tuple) -> object:
        """A function from a row's cells to its parsed contact fields (None for a field the file lacks).

        It is generated as one expression, because this runs once per contact of logs with millions of rows.
        """
        names: dict[str, object] = {}
        parts = []
        for slot, spec in enumerate(specs):
            if spec is None:
                parts.append("None")
            else:
                names[f"p{slot}"] = spec[2]
                parts.append(f"p{slot}(cells[{int(spec[0])}])")
        source = f"def read(cells):\n    return ({', '.join(parts)},)\n"
        exec(compile(source, "<calls reader>", "exec"), names)  # noqa: S102 - built from ints and fixed names
        return names["read"]

    def consume(self, rows: Iterable[tuple[int, list[object]]], agent_of: Callable, identity: Callable,
                i_date: int | None, day_of: Callable, slow_day: Callable, skip: Callable, problem: Callable) -> None:
        """Count every contact of ``rows``. ``agent_of(identity(cells))`` gives (agent, why it is not an agent);
        ``day_of(cells[i_date])`` the day (``slow_day(row, cells)`` when that fails or there is no date column,
        which reports its own problem and returns None); ``skip(reason, row)`` and ``problem(row, column, reason)``
        record what is left out. One loop with everything local: it runs once per row of logs with millions."""
        read, groups = self.read, self.groups
        has_talk, has_handle, has_speed = self.talk is not None, self.handle is not None, self.speed is not None
        rating_spec, missing, zeros = self.rating, self._missing, self._zeros
        for row, cells in rows:
            agent, reason = agent_of(identity(cells))
            if reason is not None:
                skip(reason, row)
                continue
            if i_date is not None:
                try:
                    day = day_of(cells[i_date])
                except ValueError:
                    slow_day(row, cells)
                    continue
            else:
                day = slow_day(row, cells)
                if day is None:
                    continue
            try:
                answered, abandoned, handle, talk, hold, acw, speed, resolved, transferred, rating = read(cells)
            except ValueError:
                problem(row, *self._unreadable(cells))
                continue
            if answered is None:
                if abandoned is not None:
                    answered = not abandoned
                elif has_talk or has_handle:
                    answered = bool(talk or handle)
                else:
                    answered = True
            key = (agent, day)
            group = groups.get(key)
            if group is None:
                group = groups[key] = [row, 0, 0, 0.0, 0, 0.0, 0, 0.0, 0.0, 0.0, 0, 0, 0, None]
            if rating is not None:
                if not 0 <= rating <= 100:
                    problem(row, rating_spec[1], f"{cells[rating_spec[0]]!r} is not a rating (0 to 100)")
                    continue
                ratings = group[RATINGS]
                if ratings is None:
                    group[RATINGS] = {rating: 1}
                else:
                    ratings[rating] = ratings.get(rating, 0) + 1
                if not rating and not answered:
                    zeros[0] += 1
            if not answered:
                continue
            group[ANSWERED] += 1
            if talk is not None:
                group[TALK_SUM] += talk
                group[TALK_N] += 1
                if handle is None:
                    handle = talk + (hold or 0.0) + (acw or 0.0)
            elif has_talk:
                missing(self.talk, cells, row)
            if hold:
                group[HOLD_SUM] += hold
            if acw:
                group[ACW_SUM] += acw
            if handle is not None:
                group[HANDLE_SUM] += handle
                group[HANDLE_N] += 1
            if speed is not None:
                group[ASA_SUM] += speed
                group[ASA_N] += 1
            elif has_speed:
                missing(self.speed, cells, row)
            if resolved:
                group[RESOLVED] += 1
            if transferred:
                group[TRANSFERRED] += 1

    def _unreadable(self, cells: list[object]) -> tuple[str, str]:
        """(column, reason) of the first cell of a contact that cannot be read."""
        for spec in self.specs:
            if spec is not None:
                try:
                    spec[2](cells[spec[0]])
                except ValueError as exc:
                    return spec[1], str(exc)
        return "", "a cell cannot be read"

    def _missing(self, spec: tuple, cells: list[object], row: int) -> None:
        header = spec[1]
        self.missing[header] += 1
        self.missing_first.setdefault(header, (cells[spec[0]], row))

    def missing_cells(self) -> list[tuple[str, object, int]]:
        """(column, raw cell, row) of each answered contact lacking a talk time or speed of answer."""
        out = []
        for header, count in self.missing.items():
            raw, row = self.missing_first[header]
            out.extend([(header, raw, row)] * count)
        return out

    # -- the end of the file -----------------------------------------------------------------------------------

    @property
    def zero_unanswered(self) -> int:
        return self._zeros[0]

    @property
    def ratings(self) -> Counter:
        """How many contacts gave each rating, over the whole file."""
        if self._ratings is None:
            self._ratings = Counter()
            for group in self.groups.values():
                if group[RATINGS]:
                    self._ratings.update(group[RATINGS])
        return self._ratings

    def _scale(self) -> tuple[int, int, int, int | None, bool] | None:
        """(lowest point, top point, satisfied from, dissatisfied up to, zero means unrated) of the ratings."""
        if not self.ratings:
            return None
        top_seen = max(self.ratings)
        top = next((t for t in SCALES if top_seen <= t), 100)
        low, satisfied, dissatisfied = SCALES[top]
        zero_unrated = low == 1 and 0 in self.ratings
        return low, top, satisfied, dissatisfied, zero_unrated

    def figures(self) -> Iterator[tuple]:
        scale = self._scale()
        want = self.kpis
        weights = self.hold is not None, self.acw is not None, self.resolved is not None, self.transferred is not None
        has_hold, has_acw, has_resolved, has_transferred = weights
        for (agent, day), g in self.groups.items():
            row, answered = g[FIRST_ROW], g[ANSWERED]
            out = []
            if "ANSWERED" in want:
                out.append(("ANSWERED", float(answered)))
            if answered:
                if g[HANDLE_N] and "AHT" in want:
                    out.append(("AHT", g[HANDLE_SUM] / g[HANDLE_N]))
                if g[TALK_N] and "TALK" in want:
                    out.append(("TALK", g[TALK_SUM] / g[TALK_N]))
                if has_hold and "HOLD" in want:
                    out.append(("HOLD", g[HOLD_SUM] / answered))
                if has_acw and "ACW" in want:
                    out.append(("ACW", g[ACW_SUM] / answered))
                if g[ASA_N] and "ASA" in want:
                    out.append(("ASA", g[ASA_SUM] / g[ASA_N]))
                if has_resolved and "FCR" in want:
                    out.append(("FCR", g[RESOLVED] / answered))
                if has_transferred and "TRANSFER" in want:
                    out.append(("TRANSFER", g[TRANSFERRED] / answered))
            if g[RATINGS] and scale is not None:
                out.extend(self._satisfaction(g[RATINGS], scale))
            for code, value in out:
                yield row, agent, code, day, day, value

    def _satisfaction(self, ratings: dict, scale: tuple) -> list[tuple[str, float]]:
        low, top, satisfied, dissatisfied, zero_unrated = scale
        rated = {r: n for r, n in ratings.items() if not (zero_unrated and r == 0)}
        count = sum(rated.values())
        if not count:
            return []
        out = []
        if self.csat_rule == "mean":
            # the mean score is not a share of satisfied answers: it goes to the mean-score KPI of its scale
            target = self._mean_kpi(top)
            if target is not None:
                out.append((target, sum(r * n for r, n in rated.items()) / count))
        elif "CSAT" in self.kpis:
            out.append(("CSAT", sum(n for r, n in rated.items() if r >= satisfied) / count))
        if dissatisfied is not None and "DSAT" in self.kpis:
            out.append(("DSAT", sum(n for r, n in rated.items() if r <= dissatisfied) / count))
        return out

    def _mean_kpi(self, top: int) -> str | None:
        """The catalogue's mean-score KPI for ratings up to ``top`` (CSAT_SCORE for 1-5), or None."""
        wanted = {5: RATING_5, 10: RATING_10}.get(top)
        return next((code for code, spec in self.kpis.items()
                     if getattr(spec, "basis", None) == MEAN and getattr(spec, "scale", None) == wanted), None) \
            if wanted else None

    def warnings(self) -> list[str]:
        scale = self._scale()
        if scale is None:
            return []
        low, top, satisfied, dissatisfied, zero_unrated = scale
        header = self.rating[1]
        out = []
        if zero_unrated:
            zeros = self.ratings[0]
            out.append(f"column {header!r}: {zeros:,} zero{'s' if zeros != 1 else ''} read as 'not rated', because "
                       f"the other ratings run {low} to {top} and 0 is not a point on that scale "
                       f"({self.zero_unanswered:,} of them on unanswered contacts)")
        if self.csat_rule == "mean":
            target = self._mean_kpi(top)
            line = (f"{target} = mean rating on the {low}-{top} scale" if target else
                    f"the mean rating on the {low}-{top} scale has no mean-score KPI in the catalogue: not stored "
                    "(CSAT is the share of satisfied answers, not a mean)")
        else:
            line = f"CSAT = share of rated contacts scoring {satisfied} or more on the {low}-{top} scale"
        if dissatisfied is not None:
            line += f"; DSAT = share scoring {dissatisfied} or less"
        out.append(line)
        return out
