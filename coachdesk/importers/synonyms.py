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
                 "agent_name", "agentname", "user full name", "assignee", "assignee name", "worker", "worker name",
                 "agent full name", "user display name", "member", "member name", "agent user", "owner name"),
    AGENT_ID: ("agent id", "agent no", "agent number", "agent key", "agent code", "user id", "login id", "agent login",
               "login", "acd id", "acd login", "employee id", "employee number", "emp id", "staff id", "agent_no",
               "agent uuid", "log id", "logid", "agent login id", "user login", "worker sid", "agent sid",
               "extension", "user extension", "agent extension", "assignee id"),
    EMAIL: ("email", "e mail", "email address", "agent email", "user email", "mail", "agent e mail"),
    FIRST_NAME: ("first name", "agent first name", "given name", "forename", "firstname"),
    LAST_NAME: ("last name", "agent last name", "family name", "surname", "lastname"),
    DATE: ("date", "call date", "day", "report date", "contact date", "activity date", "business date", "work date",
           "interaction date", "timestamp", "date time", "datetime", "call date time", "initiation timestamp",
           "start date", "started at", "created at", "call start", "contact start", "start time", "date and time",
           "date started", "datetime utc", "date utc", "call date utc", "start time utc", "started", "call started",
           "initiated at", "date time utc"),
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
            "average handling time", "handle time avg", "avg aht", "mean handle time", "handle time average", "avg handling time", "average handling time", "avg handle time sec", "aht sec", "avg handle duration", "average handle duration", "avg processing time", "average processing time", "avg handle time (sec)"),
    "TALK": ("avg talk", "avg talk time", "average talk time", "talk time avg", "avg talk duration",
             "avgtalkduration", "average agent interaction time", "avg acd time", "average acd time",
             "avg interaction time", "average talk duration", "avg talk duration sec", "avg call duration", "average call duration", "avg conversation time", "average conversation time", "avg talk time sec", "avg extn out time"),
    "HOLD": ("avg hold handled", "avg hold", "avg hold time", "average hold time", "average customer hold time",
             "avg customer hold time", "avg hold duration", "average hold duration", "avg time on hold"),
    "ACW": ("avg acw", "avg acw time", "average acw", "average after call work", "average after contact work time",
            "avg after call work", "avg after call work time", "avg wrap", "avg wrap time", "avg wrap up time",
            "average wrap up time", "average after call work time", "avg wrapup time", "average wrapup time", "avg wrap up", "average wrap up", "avg acw duration", "avg after contact work", "avg wrap-up time", "average wrap-up time"),
    "ASA": ("asa", "avg speed of answer", "average speed of answer", "avg wait", "avg wait time",
            "average queue answer time", "avg answer time", "average answer time", "avg queue time", "average speed to answer", "avg speed to answer", "avg wait duration", "average wait time", "avg time to answer", "average time to answer", "avg queue wait time", "avg ring time"),
    "FCR": ("fcr", "fcr %", "first call resolution", "first contact resolution", "fcr rate", "resolution rate",
            "fcr percent", "fcr rate %", "first call resolution %", "first contact resolution rate", "one touch resolution", "resolved on first contact"),
    "TRANSFER": ("transfer rate", "transfer %", "transfer percent", "transfers %", "% transferred",
                 "pct transferred", "transferred %"),
    "CSAT": ("csat", "csat %", "csat score", "customer satisfaction", "satisfaction", "satisfaction rating",
             "satisfaction score", "csat rate", "customer satisfaction score", "csat percent", "satisfaction rate", "satisfaction %", "customer satisfaction %", "csat (%)", "satisfaction score %", "good satisfaction rate"),
    "DSAT": ("dsat", "dsat %", "dissatisfaction", "customer dissatisfaction"),
    "NPS": ("nps", "net promoter score", "nps score", "net promoter", "promoter score"),
    "QA": ("qa", "qa score", "quality", "quality score", "quality assurance", "qa evaluation score",
           "evaluation score", "qa %", "quality %"),
    "ADHERENCE": ("adherence", "adherence %", "schedule adherence", "adherence percent", "adherence pct", "schedule adherence %", "adherence percentage", "adherence rate"),
    "CONFORMANCE": ("conformance", "conformance %", "schedule conformance", "conformance percent", "conformance percentage", "conformance rate"),
    "ANSWERED": ("answered", "handled", "contacts handled", "calls handled", "calls answered", "contacts answered",
                 "acd calls", "calls count", "number of calls", "handled contacts", "interactions handled",
                 "answered calls", "answered contacts", "handled calls", "calls taken", "contacts", "interactions", "calls", "handled interactions", "interactions handled", "conversations handled", "handled conversations", "tasks handled", "handled tasks", "accepted", "calls accepted", "inbound calls answered", "inbound answered", "answered inbound", "total handled", "number of contacts", "contacts count", "calls taken", "acd calls handled", "chats handled", "tickets handled", "inbound handled", "contacts handled incoming", "calls count", "handled count"),
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

