"""One synthetic export per platform shape (headers as the vendors document their agent reports), imported with
``auto``: each gives the figures its columns hold, for the right people and days."""

from __future__ import annotations

from datetime import date

import pytest

from coachdesk.domain.text import name_key
from coachdesk.services.kpis import kpi_import as ki
from coachdesk.services.kpis.kpi_import import ImportOptions
from coachdesk.services.kpis.kpi_query import list_figures
from coachdesk.storage.models import Person

D = date(2025, 11, 17)
DAY = (D, D)

#: vendor -> (file text, {(KPI, period): value} expected for Ann Lee)
SHAPES = {
    "genesys-cloud": ("Interval Start,Interval End,Agent Id,Agent Name,Answered,Avg Handle,Avg Talk,Avg Hold Handled,"
                      "Avg ACW,Transferred\n11/17/25 00:00,11/18/25 00:00,a-1,Ann Lee,10, 00:05:00, 00:04:00,"
                      " 00:00:30, 00:00:30,2\n",
                      {("ANSWERED", DAY): 10, ("AHT", DAY): 300, ("TALK", DAY): 240, ("HOLD", DAY): 30,
                       ("ACW", DAY): 30, ("TRANSFER", DAY): 0.2}),
    "five9": ("DATE,AGENT NAME,CALLS count,AVG HANDLE TIME,AVG TALK TIME,AVG AFTER CALL WORK TIME\n"
              "2025/11/17,\"Lee, Ann\",12,0:05:00,0:04:10,0:00:50\n",
              {("ANSWERED", DAY): 12, ("AHT", DAY): 300, ("TALK", DAY): 250, ("ACW", DAY): 50}),
    "amazon-connect": ("StartInterval,EndInterval,Agent,Contacts handled,Average handle time,"
                       "Average after contact work time\n2025-11-17T00:00:00Z,2025-11-18T00:00:00Z,Ann Lee,8,280,20\n",
                       {("ANSWERED", DAY): 8, ("AHT", DAY): 280, ("ACW", DAY): 20}),
    "talkdesk": ("Interaction ID,Started At,User Name,Talk Time,Handle Time,Resolved,CSAT Score\n"
                 "t1,2025-11-17 09:00,Ann Lee,200,240,Yes,5\nt2,2025-11-17 10:00,Ann Lee,100,120,Yes,4\n",
                 {("ANSWERED", DAY): 2, ("AHT", DAY): 180, ("TALK", DAY): 150, ("FCR", DAY): 1.0, ("CSAT", DAY): 1.0,
                  ("DSAT", DAY): 0.0}),
    "nice-cxone": ("Contact_ID,Agent_No,Agent_Name,start_date,start_time,InQueue,Agent_Time,Hold_Time,ACW_Seconds\n"
                   "c1,77,Ann Lee,11/17/2025,09:00:00,10,200,20,30\nc2,77,Ann Lee,11/17/2025,10:00:00,30,100,0,10\n",
                   {("ANSWERED", DAY): 2, ("AHT", DAY): 180, ("TALK", DAY): 150, ("HOLD", DAY): 10, ("ACW", DAY): 20,
                    ("ASA", DAY): 20}),
    "avaya-cms": ("Agent Report\nDate: 11/17/2025\n\nAgent Name,Login ID,ACD Calls,Avg ACD Time,Avg ACW Time,Trans Out\n"
                  "Ann Lee,5001,10,0:04:00,0:01:00,1\n",
                  {("ANSWERED", DAY): 10, ("TALK", DAY): 240, ("ACW", DAY): 60, ("AHT", DAY): 300,
                   ("TRANSFER", DAY): 0.1}),
    "ringcentral": ("Date,User,Calls Handled,Avg Handle Time,Avg Talk Time,Avg Hold Time\n"
                    "2025-11-17,Ann Lee,9,00:05:00,00:04:00,00:00:20\n",
                    {("ANSWERED", DAY): 9, ("AHT", DAY): 300, ("TALK", DAY): 240, ("HOLD", DAY): 20}),
    "zendesk": ("Date,Assignee name,Calls accepted,Average call duration,Average hold time,Average wrap-up time\n"
                "2025-11-17,Ann Lee,7,250,15,35\n",
                {("ANSWERED", DAY): 7, ("TALK", DAY): 250, ("HOLD", DAY): 15, ("ACW", DAY): 35}),
    "twilio-flex": ("Date,Worker Name,Handled Tasks,Avg Handle Time,Avg Talk Time,Avg Wrap Up Time\n"
                    "2025-11-17,Ann Lee,6,310,260,50\n",
                    {("ANSWERED", DAY): 6, ("AHT", DAY): 310, ("TALK", DAY): 260, ("ACW", DAY): 50}),
    "aircall": ("Week starting,User,Answered calls,Avg handle time\n2025-11-17,Ann Lee,40,290\n",
                {("ANSWERED", (D, date(2025, 11, 23))): 40, ("AHT", (D, date(2025, 11, 23))): 290}),
    "dialpad": ("Date,Agent name,Inbound answered,Avg handle time,Avg talk time,Avg hold time,Avg wrap up time,CSAT\n"
                "2025-11-17,Ann Lee,11,300,240,20,40,92%\n",
                {("ANSWERED", DAY): 11, ("AHT", DAY): 300, ("TALK", DAY): 240, ("HOLD", DAY): 20, ("ACW", DAY): 40,
                 ("CSAT", DAY): 0.92}),
    "8x8": ("Month,Agent Name,Accepted,Avg Handling Time,Avg Wrap Up Time,Avg Hold Time\nNov 2025,Ann Lee,150,320,45,25\n",
            {("ANSWERED", (date(2025, 11, 1), date(2025, 11, 30))): 150,
             ("AHT", (date(2025, 11, 1), date(2025, 11, 30))): 320,
             ("ACW", (date(2025, 11, 1), date(2025, 11, 30))): 45,
             ("HOLD", (date(2025, 11, 1), date(2025, 11, 30))): 25}),
    "vonage": ("Report date,Agent,Interactions Handled,Avg Handle Time,Avg Talk Time,Avg Wrap Time\n"
               "17/11/2025,Ann Lee,13,0:05:10,0:04:20,0:00:50\n",
               {("ANSWERED", DAY): 13, ("AHT", DAY): 310, ("TALK", DAY): 260, ("ACW", DAY): 50}),
}


@pytest.mark.parametrize("vendor", sorted(SHAPES))
def test_each_platforms_export_imports_right_with_auto(db, tmp_path, vendor):
    with db.unit_of_work() as session:
        session.add(Person(display_name="Ann Lee", name_key=name_key("Ann Lee")))
    text, expected = SHAPES[vendor]
    path = tmp_path / f"{vendor}.csv"
    path.write_text(text, encoding="utf-8")
    result = ki.import_file(db, path, ImportOptions(auto=True))
    got = {(f.kpi, (f.period_start, f.period_end)): f.value for f in list_figures(db) if f.person == "Ann Lee"}
    assert got == pytest.approx(expected), (result.mapping, result.warnings, result.left_out)
    assert result.unknown_people == ()
