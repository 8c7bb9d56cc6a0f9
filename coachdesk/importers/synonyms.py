"""Header synonyms: the names exports give agents, dates, per-contact fields and KPI columns, by field."""

from __future__ import annotations

from collections.abc import Iterable

from coachdesk.importers.sniff import normalise_header

# The fields a column can feed (``mapping`` re-exports them).
AGENT_NAME, AGENT_ID, EMAIL, FIRST_NAME, LAST_NAME = "agent_name", "agent_id", "email", "first_name", "last_name"
DATE, TIME, INTERVAL_START, INTERVAL_END = "date", "time", "interval_start", "interval_end"
KPI_NAME, VALUE = "kpi_name", "value"
CALL_ID, ANSWERED, ABANDONED, RESOLVED, TRANSFERRED = "call_id", "answered", "abandoned", "resolved", "transferred"
SPEED, TALK, HOLD, ACW, HANDLE, RATING = "speed_of_answer", "talk", "hold", "acw", "handle", "rating"
COUNT_PREFIX = "count:"


def compact(text: str) -> str:
    """A header without case, punctuation or spaces: 'Avg. Talk (s)' -> 'avgtalks'."""
    return normalise_header(text).replace(" ", "")


def table(entries: dict[str, Iterable[str]]) -> dict[str, str]:
    return {compact(synonym): target for target, synonyms in entries.items() for synonym in synonyms}


#: Header synonyms of the fields that are not KPIs.
FIELD_SYNONYMS = table({
    AGENT_NAME: ("agent", "agent name", "agent full name", "name", "full name", "rep", "rep name", "representative",
                 "user", "user name", "username", "employee", "employee name", "advisor", "advisor name", "associate",
                 "staff", "staff name", "operator", "operator name", "handling agent", "agent display name",
                 "agent_name", "agentname", "user full name"),
    AGENT_ID: ("agent id", "agent no", "agent number", "agent key", "agent code", "user id", "login id", "agent login",
               "login", "acd id", "acd login", "employee id", "employee number", "emp id", "staff id", "agent_no",
               "agent uuid", "log id", "logid", "agent login id", "user login"),
    EMAIL: ("email", "e mail", "email address", "agent email", "user email", "mail", "agent e mail"),
    FIRST_NAME: ("first name", "agent first name", "given name", "forename", "firstname"),
    LAST_NAME: ("last name", "agent last name", "family name", "surname", "lastname"),
    DATE: ("date", "call date", "day", "report date", "contact date", "activity date", "business date", "work date",
           "interaction date", "timestamp", "date time", "datetime", "call date time", "initiation timestamp",
           "start date", "started at", "created at", "call start", "contact start", "start time", "date and time"),
    TIME: ("time", "call time", "start time", "time of call", "contact time"),
    INTERVAL_START: ("interval start", "period start", "week start", "from", "date from", "start interval",
                     "startinterval", "interval begin", "from date", "start date", "period from", "week beginning"),
    INTERVAL_END: ("interval end", "period end", "week end", "to", "date to", "end interval", "endinterval",
                   "to date", "end date", "period to", "week ending"),
    KPI_NAME: ("kpi", "kpi name", "kpi code", "metric", "metric name", "measure", "measure name", "indicator",
               "statistic", "kpi id"),
    VALUE: ("value", "metric value", "kpi value", "result", "amount", "measure value"),
})

#: Synonyms of per-contact fields in interaction logs.
CALL_SYNONYMS = table({
    CALL_ID: ("call id", "contact id", "interaction id", "conversation id", "session id", "call uid", "contact_id",
              "record id", "ticket id", "call key"),
    ANSWERED: ("answered", "answered y n", "is answered", "answered yn", "call answered", "handled"),
    ABANDONED: ("abandoned", "abandon", "abandoned y n", "is abandoned", "abandoned yn"),
    RESOLVED: ("resolved", "resolved y n", "fcr", "first call resolution", "first contact resolution",
               "issue resolved", "resolved yn"),
    TRANSFERRED: ("transferred", "transfer", "transferred y n", "was transferred", "transferred yn"),
    SPEED: ("speed of answer", "speed of answer in seconds", "asa", "answer speed", "time to answer", "wait time",
            "queue time", "queue wait time", "inqueue", "in queue", "in queue time", "queue duration",
            "time in queue"),
    TALK: ("talk", "talk time", "talk duration", "avg talk duration", "avgtalkduration", "agent time",
           "call duration", "duration", "conversation time", "interaction time", "agent interaction time",
           "talk seconds", "connected time"),
    HOLD: ("hold", "hold time", "hold duration", "customer hold time", "total hold", "hold seconds"),
    ACW: ("acw", "acw time", "after call work", "after call work time", "wrap", "wrap time", "wrap up",
          "wrap up time", "after contact work time", "acw seconds", "post call work", "wrapup time"),
    HANDLE: ("handle time", "handle", "handle duration", "handling time", "contact handle time", "aht",
             "total handle time"),
    RATING: ("satisfaction rating", "satisfaction", "csat", "csat score", "rating", "survey score",
             "survey rating", "customer rating", "customer satisfaction", "satisfaction score"),
})

#: Synonyms of summary KPI columns, by catalogue code: (synonym, confidence).
KPI_SYNONYMS: dict[str, tuple[str, float]] = {}
for _code, _entries in {
    "AHT": ("aht", "avg handle", "avg handle time", "average handle time", "avg handling time", "aht seconds",
            "average handling time", "handle time avg", "avg aht", "mean handle time", "handle time average"),
    "TALK": ("avg talk", "avg talk time", "average talk time", "talk time avg", "avg talk duration",
             "avgtalkduration", "average agent interaction time", "avg acd time", "average acd time",
             "avg interaction time", "average talk duration"),
    "HOLD": ("avg hold handled", "avg hold", "avg hold time", "average hold time", "average customer hold time",
             "avg customer hold time"),
    "ACW": ("avg acw", "avg acw time", "average acw", "average after call work", "average after contact work time",
            "avg after call work", "avg after call work time", "avg wrap", "avg wrap time", "avg wrap up time",
            "average wrap up time", "average after call work time"),
    "ASA": ("asa", "avg speed of answer", "average speed of answer", "avg wait", "avg wait time",
            "average queue answer time", "avg answer time", "average answer time", "avg queue time"),
    "FCR": ("fcr", "fcr %", "first call resolution", "first contact resolution", "fcr rate", "resolution rate",
            "fcr percent"),
    "TRANSFER": ("transfer rate", "transfer %", "transfer percent", "transfers %", "% transferred",
                 "pct transferred", "transferred %"),
    "CSAT": ("csat", "csat %", "csat score", "customer satisfaction", "satisfaction", "satisfaction rating",
             "satisfaction score", "csat rate", "customer satisfaction score"),
    "DSAT": ("dsat", "dsat %", "dissatisfaction", "customer dissatisfaction"),
    "NPS": ("nps", "net promoter score", "nps score"),
    "QA": ("qa", "qa score", "quality", "quality score", "quality assurance", "qa evaluation score",
           "evaluation score", "qa %", "quality %"),
    "ADHERENCE": ("adherence", "adherence %", "schedule adherence", "adherence percent", "adherence pct"),
    "CONFORMANCE": ("conformance", "conformance %", "schedule conformance", "conformance percent"),
    "ANSWERED": ("answered", "handled", "contacts handled", "calls handled", "calls answered", "contacts answered",
                 "acd calls", "calls count", "number of calls", "handled contacts", "interactions handled",
                 "answered calls", "answered contacts", "handled calls", "calls taken"),
    "SALESCONV": ("sales conversion", "conversion rate", "conversion", "sales conversion rate"),
    "ERROR": ("error rate", "errors %", "error %"),
    "TAT": ("tat", "turnaround time", "avg turnaround time", "average turnaround time"),
    "TRT": ("trt", "total resolution time", "avg resolution time", "average resolution time"),
    "QDEV": ("quality deviation", "qa deviation"),
    "CALVAR": ("calibration variance",),
}.items():
    for _rank, _synonym in enumerate(_entries):
        KPI_SYNONYMS.setdefault(compact(_synonym), (_code, 0.97 - 0.005 * _rank))
for _synonym, _code in (("handle time", "AHT"), ("talk time", "TALK"), ("talk duration", "TALK"),
                        ("hold time", "HOLD"), ("acw", "ACW"), ("after call work", "ACW"), ("calls", "ANSWERED"),
                        ("total calls", "ANSWERED"), ("speed of answer", "ASA")):
    KPI_SYNONYMS.setdefault(compact(_synonym), (_code, 0.7))

#: Counts in summaries that give a rate over answered contacts (``Transferred`` / ``Answered`` = TRANSFER).
COUNT_SYNONYMS = table({
    COUNT_PREFIX + "transferred": ("transferred", "transfers", "transferred out", "contacts transferred out",
                                   "trans out", "transfer count"),
    COUNT_PREFIX + "resolved": ("resolved", "resolved count", "resolved contacts"),
})
RATE_OF_COUNT = {COUNT_PREFIX + "transferred": "TRANSFER", COUNT_PREFIX + "resolved": "FCR"}

#: Token rules for headers no synonym names exactly, with a lower confidence.
TOKEN_RULES: tuple[tuple[frozenset[str], frozenset[str], str], ...] = (
    (frozenset({"handle"}), frozenset({"avg", "average", "mean"}), "AHT"),
    (frozenset({"talk"}), frozenset({"avg", "average", "mean"}), "TALK"),
    (frozenset({"hold"}), frozenset({"avg", "average", "mean"}), "HOLD"),
    (frozenset({"wrap"}), frozenset(), "ACW"),
    (frozenset({"csat"}), frozenset(), "CSAT"),
    (frozenset({"satisfaction"}), frozenset(), "CSAT"),
)

