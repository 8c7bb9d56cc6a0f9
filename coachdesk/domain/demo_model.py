"""Pure demo-data generation: invented names and phrases, agent profiles, schedules and the daily KPI simulation."""

from __future__ import annotations

import math
import random
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from itertools import repeat

GIVEN_NAMES = tuple("""Aisha Amara Ben Bogdan Chen Chloe Dariusz Deepa Eilidh Emeka Fatima Finn Grace Hamza Hannah
Ifeoma Imran Isla Jakub Jamal Joanna José Kacper Kai Leah Liam Lucía Mai Marek Maria Mohammed Nadia Niamh Noah Oliver
Olufemi Priya Rhys Rosa Ruth Saoirse Sam Siobhan Sofia Tariq Tom Ugnė Wei Yusuf Zainab Zoë Anna Callum Dylan Ella
Freya Gareth Harpreet Inês Jack Kiran Laura Mateusz Nathan Olivia Paul Rachel Seán Tendai Vikram Aleksandra Bethan
Connor Dmitri Erin Florin Gemma Hugo Ioana Jasmine Kwame Lena Mohan Nia Owen Pooja Reece Shauna Thandiwe Yasmin Zofia
Ayesha Björn Chidi Declan Efua Farah Georgia Hollie Ibrahim""".split())
FAMILY_NAMES = tuple("""Smith|Jones|Williams|Taylor|Brown|Davies|Evans|Wilson|Thomas|Roberts|Patel|Khan|Ahmed|Singh|
Kaur|Hussain|Begum|Nowak|Wójcik|O'Neil|Ó Briain|MacLeod|McAllister|Murphy|Kelly|Walsh|Byrne|Okafor|Adeyemi|Mensah|Osei|
Nguyen|Chen|Wang|Li|Kim|García|Fernández|Rossi|Müller|Schmidt|Novak|Popescu|Ionescu|Petrov|Kovačević|Hughes|Edwards|
Lewis|Morgan|Griffiths|Price|Campbell|Stewart|Robertson|Reid|Fraser|Hall|Wood|Clarke|Green|Baker|Hill|Ward|Turner|
Cooper|King|Wright|Scott|Mitchell|Bell|Murray|Wallace|Ali|Rahman|Chowdhury|Mahmood|Iqbal|Sharma|Gupta|Mistry|da Silva|
Santos|Costa|Ferreira|Kaczmarek|Mazur|Krawczyk|Jansen|de Vries|van den Berg|Andersson|Nielsen|Hansen|Kaya|Yılmaz|
Demir|Haddad|Mansour|Abdi|Mohamed|Warsame|Mwangi|Otieno|Banda|Phiri|Moyo""".replace("\n", "").split("|"))
SITES = ("Leeds", "Cardiff", "Glasgow", "Belfast", "Newcastle", "Swansea", "Derry", "Dundee", "Hull", "Preston")
#: team function -> (handle-time factor, main channels, sells)
FUNCTIONS = {
    "Billing": (1.0, ("voice", "voice", "chat"), False), "Retention": (1.15, ("voice",), True),
    "Technical Support": (1.35, ("voice", "chat"), False), "Sales": (1.1, ("voice", "voice", "chat"), True),
    "Collections": (0.95, ("voice",), False), "Onboarding": (1.05, ("voice", "email"), True),
    "Complaints": (1.3, ("voice", "email", "email"), False), "Moves and Changes": (1.0, ("voice", "messaging"), True),
    "Payments": (0.85, ("voice", "chat"), False), "Priority Care": (1.2, ("voice",), True),
}
TEAM_PLACES = ("", "North", "South", "East", "West", "Central", "Evenings", "Weekend", "Digital", "Early Shift")
CHANNEL_PREFIX = {"voice": "CALL", "chat": "CHAT", "email": "MAIL", "messaging": "MSG", "social": "SOC"}

STRENGTHS = {
    "LISTEN": ("Let the customer finish and played the problem back in their own words.",
               "Picked up that the customer had called twice before and said so."),
    "COURTESY": ("Warm greeting, used the customer's name naturally and thanked them for holding.",
                 "Closed the call politely and checked there was nothing else."),
    "TONE": ("Stayed calm and friendly while the customer was angry about the bill.",
             "Confident, steady pace; the customer relaxed within a minute."),
    "EMPATHY": ("Said 'that must have been frustrating after three calls' and meant it.",
                "Slowed down and reassured the customer when they mentioned the bereavement."),
    "RESOLVE": ("Asked two diagnostic questions and fixed the root cause, not just the symptom.",
                "Checked the fix worked before ending the call."),
    "OWNERSHIP": ("Promised a call back by 4pm and booked it in the system there and then.",
                  "Solved it without a transfer although it was outside the usual queue."),
    "SALE": ("Spotted the customer was paying for two lines and offered the family bundle.",
             "Asked for the upgrade at the right moment, after the problem was solved."),
    "COMPLIANCE": ("Full security check and accurate, complete notes on the account.",
                   "Read the cancellation terms word for word and confirmed understanding."),
}
OPPORTUNITIES = {
    "LISTEN": ("Jumped in with a solution before the customer had explained the whole problem.",
               "Asked the customer to repeat the account number twice."),
    "COURTESY": ("No thanks for holding; the close felt rushed.", "Did not use the customer's name at all."),
    "TONE": ("Tone went flat after the customer asked for a manager; sounded scripted.",
             "Spoke very fast when explaining the charges; the customer asked twice."),
    "EMPATHY": ("Moved straight to process when the customer said they were worried.",
                "Said 'that's our policy' without acknowledging the customer's frustration."),
    "RESOLVE": ("Reset the router without asking what had changed; the customer is likely to call back.",
                "Fixed the bill but not the direct debit causing it."),
    "OWNERSHIP": ("Transferred to billing although the answer was in the knowledge base.",
                  "Said 'someone will call you' without a time or a name."),
    "SALE": ("The customer mentioned moving house; the chance to offer broadband was missed.",
             "Offered the upgrade before the problem was solved; the customer refused."),
    "COMPLIANCE": ("Skipped the second security question.", "Notes did not record the refund promised."),
}
GOOD, BETTER = ("Good call overall.",), ("Room to improve on this one.",)
MODES = ("side_by_side",) * 5 + ("remote_listening",) * 4 + ("recording_review",)
CLOSING_REASONS = {"achieved": "Quarter review: commit level reached.", "missed": "Quarter review: below the commit "
                   "level.", "withdrawn": "The agent left before the end of the quarter."}
VERBATIMS = ('Customer: "You\'re the first person who\'s actually listened to me."',
             'Customer: "I\'ve been on hold three times this week."',
             'Agent: "Let me make sure I\'ve got this right..."', 'Customer: "So will it be fixed by Friday or not?"',
             'Agent: "I\'ll stay on the line until it\'s working."',
             'Customer: "Why do I have to give my date of birth again?"', 'Agent: "That\'s not my department."',
             'Customer: "Thanks, that\'s really helpful."', 'Agent: "I can see why that would be annoying."',
             'Customer: "I just want to know why the bill went up."')
GENERAL_NOTES = ("Busy queue, 14 calls waiting.", "Agent used the new knowledge-base article.", "System slow today.",
                 "Second call was a repeat caller.", "Agent asked for feedback on the close.", "Headset issue fixed.")
SESSION_SUMMARIES = ("Solid session; listening is the strength to build on.", "Good calls overall, one slip on checks.",
                     "Mixed: great with upset customers, less so with quick queries.",
                     "Clear progress since last time.", "Handle time drifting up; discussed why.",
                     "Excellent call control throughout.")
COMMITMENTS = ("I will summarise the problem back before I start fixing it.", "I will use the customer's name twice.",
               "I will check the knowledge base before transferring.", "I will book every call back in the system.",
               "I will confirm the fix worked before closing.", "I will complete both security questions every time.",
               "I will acknowledge how the customer feels before explaining the policy.",
               "I will be logged in and ready two minutes before my shift.",
               "I will ask for the sale once the customer's problem is solved.")
COMMITMENT_FOR = {"LISTEN": 0, "COURTESY": 1, "OWNERSHIP": 3, "RESOLVE": 4, "COMPLIANCE": 5, "EMPATHY": 6, "TONE": 6,
                  "ADHERENCE": 7, "SALE": 8}
EXPECTATIONS = ("Be ready and logged in at the start of each shift.", "Complete security checks on every contact.",
                "Own the customer's issue to the end; no needless transfers.", "Keep notes complete and accurate.",
                "Ask for help early when a call goes beyond your knowledge.", "Treat every customer as a person.")
MOTIVATORS = ("Recognition in the team huddle.", "Learning new skills (wants the complaints queue).",
              "Flexible start times for the school run.", "Becoming a floor-walker or buddy.",
              "Clear feedback, little and often.", "Working towards a team leader role.", "Quiet desk near the window.")
REWARDS = (("Early finish on Friday when the team hits its CSAT target.", "team"),
           ("Choice of shift pattern next rota.", "individual"), ("Shout-out in the site newsletter.", "individual"),
           ("Team breakfast for a month with no missed call backs.", "team"),
           ("Half a day for e-learning of their choice.", "individual"),
           ("Pizza lunch for the best FCR month.", "team"))
ACTIONS = (("Shadow a senior agent for an hour on complex calls.", "agent"),
           ("Complete the de-escalation e-learning.", "agent"),
           ("Book a call-listening session with the quality team.", "leader"),
           ("Review three of your own recordings.", "agent"), ("Arrange a buddy from the billing team.", "leader"),
           ("Update the knowledge-base article on refunds.", "agent"),
           ("Check the rota for a later Thursday start.", "leader"), ("Practise the new security script.", "agent"),
           ("Raise the system freeze with IT.", "leader"), ("Try the call-summary template for a week.", "agent"))
COACH_NOTES = ("Seems tired lately; keep an eye on workload.", "Consider for the buddy programme next quarter.",
               "Mentioned a family situation; be flexible with shifts.",
               "Confidence low after the complaint; praise early.")
ONE_TO_ONE_SUMMARIES = ("Good month; objectives on track.", "Discussed handle time and how to use the knowledge base.",
                        "Agreed focus on listening; CSAT trending up.", "Reviewed actions; two done, one carried.",
                        "Talked about development and the buddy role.", "Difficult month; agreed a support plan.")
AGENT_COMMENTS = ("Happy with the support.", "I'd like more feedback on chats.", "The new system is slowing me down.",
                  "Thanks for the flexibility.", "Can I shadow the complaints team?")
ACK_COMMENTS = ("Agreed.", "Thanks, fair summary.", "Happy with this.", "Agree, but the system issues are real.")
RECOGNITIONS = (("Customer compliment", "A customer wrote in to thank them for sorting a long-running billing issue."),
                ("Above and beyond", "Stayed on the line to walk an elderly customer through the app set-up."),
                ("Top FCR of the month", "Highest first-contact resolution in the team this month."),
                ("Great teamwork", "Covered the chat queue during the outage without being asked."),
                ("Calm under pressure", "Handled a very upset customer with patience and solved the issue."),
                ("Knowledge sharer", "Wrote the refund guide the whole team now uses."),
                ("Objective achieved", "Reached their objective this quarter."))  # keep last: needs an objective
RECOGNITION_WORDS = ("Thank you, this is exactly what great service looks like.", "Brilliant work - keep it up!",
                     "The customer said you made their day.", "Really proud of this.", None)
CUSTOMER_NAMES = ("Customer: Mrs Patel", "Customer: Mr O'Brien", "Complaints team", "Customer: Ms Nowak",
                  "Site director")

#: per KPI: (name in a sentence, step toward better in one quarter)
OBJECTIVE_KPIS = {"CSAT": ("customer satisfaction", 0.03), "FCR": ("first contact resolution", 0.03),
                  "QA": ("quality score", 0.03), "ADHERENCE": ("schedule adherence", 0.02),
                  "AHT": ("average handle time", -20.0)}
HOW = {"CSAT": "by acknowledging how the customer feels before solving the problem",
       "FCR": "by asking diagnostic questions and confirming the fix before closing",
       "QA": "by completing every security and note-taking step", "ADHERENCE": "by being logged in on time",
       "AHT": "by using the knowledge base during the call instead of after it"}
#: organisation goals: (KPI, title, the outcome in the customer's words, target)
ORG_GOALS = (("FCR", "Customers get it sorted first time", "I only had to contact you once.", 0.80),
             ("CSAT", "Customers feel listened to and valued", "They understood me and cared about my problem.", 0.88),
             ("QA", "Customers get accurate, safe answers", "What I was told was right; my account is safe.", 0.90))

WEEKDAY_VOLUME = (1.10, 1.02, 1.0, 0.98, 0.93, 1.0, 1.0)  # Monday busiest; Saturday is a shorter shift (hours)
WEEKDAY_HANDLE = (1.04, 1.01, 1.0, 0.99, 0.99, 0.97, 1.0)
WEEKDAY_CSAT = (-0.012, 0.0, 0.0, 0.003, 0.006, 0.01, 0.0)
RAMP_DAYS, FADE_DAYS = 12.0, 150.0  # coaching gains build up over ~2 weeks and fade over months
NORMS = {"CSAT": (0.84, 0.035), "FCR": (0.74, 0.03), "QA": (0.86, 0.03), "ADHERENCE": (0.91, 0.025)}
KPI_CODES = ("ANSWERED", "AHT", "TALK", "HOLD", "ACW", "FCR", "CSAT", "QA", "ADHERENCE")
COACHABLE = ("CSAT", "FCR", "QA", "AHT", "ADHERENCE")


def clamp(x: float, lo: float, hi: float) -> float:
    return lo if x < lo else hi if x > hi else x


def ascii_fold(text: str) -> str:
    """Accents dropped, letters only, lower case (for e-mail addresses)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in plain.lower() if ch.isalpha())


@cache
def normals() -> tuple[float, ...]:
    """A fixed pool of standard normal draws: a slice at a random offset is far cheaper than ``Random.gauss``."""
    rng = random.Random(20240601)
    return tuple(rng.gauss(0.0, 1.0) for _ in range(1 << 17))


def noise(rng: random.Random, n: int) -> tuple[float, ...]:
    pool = normals()
    start = rng.randrange(len(pool) - n)
    return pool[start:start + n]


_DECAY: dict[float, tuple[float, ...]] = {}


def _decay(days: int, rate: float) -> tuple[float, ...]:
    """``exp(-day * rate)`` for day 0 to at least ``days - 1``: one table per rate, grown when needed."""
    table = _DECAY.get(rate, ())
    if len(table) < days:
        table = _DECAY[rate] = tuple(math.exp(-day * rate) for day in range(max(days, 4096)))
    return table


def team_names(rng: random.Random, count: int) -> list[tuple[str, str]]:
    """``count`` distinct (team name, function) pairs like ("Billing North", "Billing")."""
    pool = [((f"{func} {place}".strip()), func) for place in TEAM_PLACES for func in FUNCTIONS]
    plain, rest = pool[:len(FUNCTIONS)], pool[len(FUNCTIONS):]
    rng.shuffle(plain)
    rng.shuffle(rest)
    pool = plain + rest
    names = pool[:count]
    for i in range(len(pool), count):
        name, func = pool[i % len(pool)]
        names.append((f"{name} {i // len(pool) + 1}", func))
    return names


def person_names(rng: random.Random, count: int) -> list[tuple[str, str]]:
    """``count`` distinct (given, family) pairs."""
    size = len(GIVEN_NAMES) * len(FAMILY_NAMES)
    picks = rng.sample(range(size), min(count, size))
    pairs = [(GIVEN_NAMES[i % len(GIVEN_NAMES)], FAMILY_NAMES[i // len(GIVEN_NAMES)]) for i in picks]
    for i in range(len(pairs), count):  # more people than pairs: add a middle initial
        given, family = pairs[i % size]
        pairs.append((f"{given} {chr(65 + (i // size) % 26)}.", family))
    return pairs


def staffing(agents: int) -> tuple[int, int, list[tuple[int, str]]]:
    """Teams of 12-15 agents, a site per 250 agents, and the (site, role) of every manager, coach, quality
    specialist and instructor."""
    n_teams = max(1, round(agents / 13.5))
    n_sites = min(len(SITES), max(1, math.ceil(agents / 250)), n_teams)
    staff: list[tuple[int, str]] = []
    for s in range(n_sites):
        size = len(range(s, n_teams, n_sites))
        staff += ([(s, "operations_manager")] * (1 + (size > 8)) + [(s, "coach")] * max(2, math.ceil(size / 4))
                  + [(s, "quality_specialist")] * max(1, math.ceil(size / 6)) + [(s, "instructor")])
    return n_teams, n_sites, staff


def agent_timeline(rng: random.Random, days: int, team: int, sites: list[int]) -> tuple:
    """An agent's hire and leave offsets (about 10% join and 7% leave during the period), a team move
    (offset, new team) for about 6%, and a one-to-one cadence for some."""
    joiner = days >= 90 and rng.random() < 0.10
    hire = rng.randint(0, days - 45) if joiner else -rng.randint(60, 2500)
    leave = rng.randint(max(hire, 0) + 30, days - 1) if days >= 90 and rng.random() < 0.07 else None
    span = (days - 1 if leave is None else leave) - max(hire, 0)
    move = None
    if len(sites) > 1 and span > 90 and rng.random() < 0.06:
        near = [t for t in range(len(sites)) if t != team and sites[t] == sites[team]]
        move = (rng.randint(max(hire, 0) + 30, max(hire, 0) + span - 30),
                rng.choice(near or [t for t in range(len(sites)) if t != team]))
    cadence = 7 if joiner and rng.random() < 0.3 else 28 if rng.random() < 0.08 else None
    return hire, leave, move, cadence


def aliases(rng: random.Random, given: str, family: str) -> list[str]:
    """Spellings of a name as other systems write it: payroll "Family, Given", WFM upper case, initials."""
    out = [f"{family}, {given}"]
    if rng.random() < 0.4:
        out.append(f"{family.upper()} {given.upper()}")
    if rng.random() < 0.3:
        out.append(f"{given[0]}. {family}")
    return out


@dataclass
class AgentProfile:
    """An agent's own levels: behaviour skills (0-1) and the KPI levels they lead to, plus drift and shift pattern."""

    skills: dict[str, float]
    csat: float
    fcr: float
    qa: float
    adherence: float
    talk: float
    hold: float
    acw: float
    drift: float  # change of the fraction KPIs per day (tiny)
    saturday: bool
    hire: int  # day offset of the hire date (negative: before the demo period)
    handle: float  # the team's handle-time factor
    lifts: dict[str, Lift] = field(default_factory=dict)

    def base(self, code: str) -> float:
        return self.talk if code == "AHT" else getattr(self, code.lower())

    def potential(self, code: str) -> float:
        if code == "AHT":
            return self.talk * 0.82
        return min(0.985, self.base(code) + {"CSAT": 0.08, "FCR": 0.09, "QA": 0.08}.get(code, 0.04))

    def lift(self, code: str) -> Lift:
        return self.lifts.setdefault(code, Lift())

    def level(self, code: str, day: int) -> float:
        """The noise-free level of a coachable KPI on a day (AHT: talk seconds, lower is better)."""
        base, lifted = self.base(code), self.lift(code).at(day)
        return base - lifted if code == "AHT" else base + lifted

    def coach(self, code: str, day: int, rng: random.Random) -> float:
        """Feedback targeting ``code`` on ``day``: add a gain of 30-60% of the remaining gap; return it."""
        gap = abs(self.potential(code) - self.level(code, day))
        gain = gap * rng.uniform(0.3, 0.6)
        self.lift(code).add(day, gain)
        return gain


def make_profile(rng: random.Random, behaviours: list[str], handle: float, hire: int) -> AgentProfile:
    ability = rng.gauss(0.0, 1.0)
    skills = {code: clamp(0.55 + 0.12 * ability + rng.gauss(0.0, 0.12), 0.08, 0.95) for code in behaviours}

    def z(*codes: str) -> float:
        vals = [skills[c] for c in codes if c in skills]
        return (sum(vals) / len(vals) - 0.55) / 0.15 if vals else ability

    return AgentProfile(
        skills=skills,
        csat=clamp(0.84 + 0.035 * z("LISTEN", "EMPATHY", "TONE", "COURTESY") + rng.gauss(0, 0.015), 0.6, 0.96),
        fcr=clamp(0.74 + 0.03 * z("RESOLVE", "OWNERSHIP", "LISTEN") + rng.gauss(0, 0.015), 0.5, 0.92),
        qa=clamp(0.86 + 0.03 * z("COMPLIANCE", "COURTESY") + rng.gauss(0, 0.015), 0.62, 0.97),
        adherence=clamp(0.91 + rng.gauss(0, 0.025), 0.8, 0.98),
        talk=300 * handle * clamp(1 - 0.05 * z("RESOLVE") + rng.gauss(0, 0.06), 0.7, 1.4),
        hold=max(6.0, 28 * handle * (1 - 0.08 * z("OWNERSHIP", "RESOLVE") + rng.gauss(0, 0.2))),
        acw=max(10.0, 42 * handle * (1 - 0.05 * z("COMPLIANCE") + rng.gauss(0, 0.15))),
        drift=rng.gauss(0.0, 0.012) / 365, saturday=rng.random() < 0.25, hire=hire, handle=handle)


class Lift:
    """A coaching effect on one measure: each event's gain builds up over ~2 weeks, then fades over months."""

    __slots__ = ("events",)

    def __init__(self) -> None:
        self.events: list[tuple[int, float]] = []

    def add(self, day: int, gain: float) -> None:
        self.events.append((day, gain))

    def at(self, day: int) -> float:
        return sum(g * (1 - math.exp(-(day - d) / RAMP_DAYS)) * math.exp(-(day - d) / FADE_DAYS)
                   for d, g in self.events if day > d)

    def series(self, offsets: list[int]) -> list[float]:
        """``at`` for each of the ascending, non-negative ``offsets``: between two events the lift is
        ``a * exp(-t/FADE) - b * exp(-t/FAST)`` with running sums ``a`` and ``b``, so it costs one pass."""
        size = offsets[-1] + 1 if offsets else 1
        fade, fast = _decay(size, 1 / FADE_DAYS), _decay(size, 1 / RAMP_DAYS + 1 / FADE_DAYS)
        out: list[float] = []
        a = b = 0.0
        events = sorted(self.events)
        bounds = [bisect_right(offsets, d) for d, _g in events] + [len(offsets)]
        out.extend(0.0 for _ in range(bounds[0]))
        for k, (d, g) in enumerate(events):
            if d < size:
                a += g / fade[max(d, 0)]
                b += g / fast[max(d, 0)]
            out.extend([fade[o] * a - fast[o] * b for o in offsets[bounds[k]:bounds[k + 1]]])
        return out


def work_days(rng: random.Random, first: int, last: int, weekday0: int, saturday: bool) -> list[int]:
    """Days worked: Monday-Friday, every other Saturday on a Saturday rota, minus holidays (two weeks a year in
    blocks) and about 3% sickness."""
    off: set[int] = set()
    for year_start in range(first, last + 1, 365):
        for _ in range(2):
            begin = year_start + rng.randrange(0, 358)
            off.update(range(begin, begin + 7))
    days, rnd = [], rng.random
    for o in range(first, last + 1):
        w = (weekday0 + o) % 7
        if w == 6 or (w == 5 and not (saturday and (o // 7) % 2 == 0)) or o in off or rnd() < 0.03:
            continue
        days.append(o)
    return days


def schedule(rng: random.Random, first: int, last: int, lo: int, hi: int, weekday0: int) -> list[int]:
    """Weekday offsets from ``first`` to ``last``, each ``lo``-``hi`` days after the one before."""
    out, o = [], first
    while True:
        while (weekday0 + o) % 7 >= 5:
            o += 1
        if o > last:
            return out
        out.append(o)
        o += rng.randint(lo, hi)


def kpi_series(p: AgentProfile, offsets: list[int], weekday0: int, rng: random.Random) -> dict[str, list]:
    """The daily figures of one agent for the days worked: values aligned with ``offsets`` (QA None on days
    without an evaluation). Percentages are 0-1 fractions, times are seconds per contact."""
    n = len(offsets)
    if not n:
        return {code: [] for code in KPI_CODES}
    zs = [noise(rng, n) for _ in range(8)]
    wk = [(weekday0 + o) % 7 for o in offsets]
    zero = list(repeat(0.0, n))
    lift = {code: (p.lifts[code].series(offsets) if code in p.lifts and p.lifts[code].events else zero)
            for code in COACHABLE}
    new = [math.exp(-(o - p.hire) / 45) for o in offsets] if p.hire > -200 else zero
    drift = [p.drift * o for o in offsets]
    hf, vol, wc = WEEKDAY_HANDLE, WEEKDAY_VOLUME, WEEKDAY_CSAT
    talk = [round(max(60.0, (p.talk * (1 + 0.35 * nw) - lf) * hf[w] * (1 + 0.07 * e)), 1)
            for nw, lf, w, e in zip(new, lift["AHT"], wk, zs[0], strict=True)]
    hold = [round(max(3.0, p.hold * (1 + 0.3 * e)), 1) for e in zs[1]]
    acw = [round(max(8.0, p.acw * (1 + 0.25 * nw) * (1 + 0.18 * e)), 1) for nw, e in zip(new, zs[2], strict=True)]
    aht = [round(a + b + c, 1) for a, b, c in zip(talk, hold, acw, strict=True)]
    adh = [round(clamp(p.adherence + lf + 0.022 * e, 0.6, 0.995), 3)
           for lf, e in zip(lift["ADHERENCE"], zs[3], strict=True)]
    ans = [max(5, round((14400 if w == 5 else 25200) * 0.86 * a / h * vol[w] * (1 + 0.05 * e)))
           for w, a, h, e in zip(wk, adh, aht, zs[4], strict=True)]
    fcr = [round(round(n_ * clamp(p.fcr + d - 0.05 * nw + lf + 0.02 * e, 0.3, 0.97)) / n_, 4)
           for n_, d, nw, lf, e in zip(ans, drift, new, lift["FCR"], zs[5], strict=True)]
    csat = []
    for n_, w, d, nw, lf, e in zip(ans, wk, drift, new, lift["CSAT"], zs[6], strict=True):
        surveys = max(2, n_ // 6)
        q = clamp(p.csat + wc[w] + d - 0.04 * nw + lf, 0.3, 0.99)
        csat.append(round(clamp(round(surveys * q + math.sqrt(surveys * q * (1 - q)) * e), 0, surveys) / surveys, 4))
    qa = [round(clamp(p.qa + d - 0.05 * nw + lf + 0.045 * e, 0.4, 1.0), 2) if rng.random() < 0.4 else None
          for d, nw, lf, e in zip(drift, new, lift["QA"], zs[7], strict=True)]
    return {"ANSWERED": ans, "AHT": aht, "TALK": talk, "HOLD": hold, "ACW": acw, "FCR": fcr, "CSAT": csat,
            "QA": qa, "ADHERENCE": adh}


def window_mean(days: list[int], values: list, lo: int, hi: int, least: int = 5) -> float | None:
    """Mean of the values whose day is within ``lo``-``hi`` (``days`` ascending), None with fewer than ``least``."""
    picked = [v for v in values[bisect_left(days, lo):bisect_right(days, hi)] if v is not None]
    return sum(picked) / len(picked) if len(picked) >= least else None


def weakest_kpis(rng: random.Random, p: AgentProfile, codes: list[str]) -> list[str]:
    """``codes`` from the agent's weakest to strongest compared with a typical agent, with some randomness."""
    def weakness(code: str) -> float:
        if code == "AHT":
            return (p.talk / (300 * p.handle) - 1) / 0.06
        mean, spread = NORMS[code]
        return (mean - p.base(code)) / spread
    return sorted(codes, key=lambda code: -rng.gauss(weakness(code), 0.8))


def rating_lookup(points: list[tuple]) -> tuple[list[tuple], tuple | None]:
    """For a scale's (value, label, score) points: the nearest point to each level 0.00-1.00, and the N/A point."""
    scored = [pt for pt in points if pt[2] is not None]
    table = [min(scored, key=lambda pt: abs(pt[2] - i / 100)) for i in range(101)] if scored else []
    return table, next((pt for pt in points if pt[2] is None), None)


def one_to_one_items(rng: random.Random, kind: str) -> list[tuple]:
    """The new lines of a one-to-one of ``kind``: (item kind, text, owner "agent"/"leader"/None, due in days,
    status, visibility, reward scope)."""
    items: list[tuple] = []
    if kind == "expectation_setting":
        items += [("expectation", t, None, None, None, "shared", None)
                  for t in rng.sample(EXPECTATIONS, rng.randint(2, 3))]
        items += [("motivator", t, None, None, None, "shared", None) for t in rng.sample(MOTIVATORS, rng.randint(1, 2))]
    else:
        items.append(("agenda", "Figures and objectives since last time.", None, None, None, "shared", None))
        if kind == "development" and rng.random() < 0.5:
            items.append(("motivator", rng.choice(MOTIVATORS), None, None, None, "shared", None))
    if kind == "expectation_setting" or rng.random() < 0.1:
        text, scope = rng.choice(REWARDS)
        items.append(("reward", text, None, None, None, "shared", scope))
    items += [("action", t, owner, rng.randint(7, 21), "open", "shared", None)
              for t, owner in rng.sample(ACTIONS, rng.randint(1, 2))]
    if kind == "expectation_setting" or rng.random() < 0.5:
        items.append(("commitment", rng.choice(COMMITMENTS), "agent", None, "open", "shared", None))
    if rng.random() < 0.15:
        items.append(("note", rng.choice(COACH_NOTES), "leader", None, None, "coach_only", None))
    return items


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def next_quarter(day: date) -> date:
    q = quarter_start(day)
    return date(q.year + (q.month == 10), 1 if q.month == 10 else q.month + 3, 1)


def format_level(code: str, value: float) -> str:
    """A KPI level as a person writes it: 6:12 for seconds, 82.5% for fractions."""
    if code == "AHT":
        secs = round(value)
        return f"{secs // 60}:{secs % 60:02d}"
    return f"{value * 100:.1f}%"


def objective_levels(code: str, baseline: float) -> tuple[float, float, float]:
    """Commit, target and stretch for a quarter from a baseline (rounded like a leader would)."""
    step = OBJECTIVE_KPIS[code][1]
    if code == "AHT":
        return (5 * round((baseline + step / 2) / 5), 5 * round((baseline + step) / 5),
                5 * round((baseline + 1.7 * step) / 5))
    return tuple(round(min(0.99, baseline + k * step) * 200) / 200 for k in (0.5, 1.0, 1.7))  # type: ignore


def kpi_objective(code: str, p: AgentProfile, start: int, end: int, today: int, days: list[int], values: list,
                  due: date) -> tuple[str, float, tuple[float, float, float], bool]:
    """Statement, baseline (the four weeks before the start), commit/target/stretch, and whether the last four
    weeks reached the commit level."""
    baseline = window_mean(days, values, start - 28, start - 1)
    if baseline is None:
        baseline = p.level(code, max(start, 0)) + (p.hold + p.acw if code == "AHT" else 0.0)
    baseline = round(baseline, 1 if code == "AHT" else 4)
    levels = objective_levels(code, baseline)
    outcome = window_mean(days, values, end - 27, min(end, today))
    met = outcome is not None and (outcome <= levels[0] if code == "AHT" else outcome >= levels[0])
    verb = "Bring down" if code == "AHT" else "Raise"
    return (f"{verb} my {OBJECTIVE_KPIS[code][0]} from {format_level(code, baseline)} to "
            f"{format_level(code, levels[1])} by {due.day} {due:%b %Y}, {HOW[code]}."), baseline, levels, met


def behaviour_objective(name: str, scores: list[tuple[int, float]], start: int, end: int,
                        due: date) -> tuple[str, float | None, tuple[float, float, float], bool]:
    """Measured as the share of ratings at Good or better: baseline over the eight weeks before, met when half or
    more of the quarter's ratings were."""
    before = [sc >= 0.66 for o, sc in scores if start - 56 <= o < start]
    during = [sc >= 0.66 for o, sc in scores if start <= o <= end]
    baseline = round(sum(before) / len(before), 4) if before else None
    met = bool(during) and sum(during) / len(during) >= 0.5
    return (f"Be rated Good or better on {name.lower()} in at least three of every four observations by "
            f"{due.day} {due:%b %Y}."), baseline, (0.5, 0.75, 1.0), met
