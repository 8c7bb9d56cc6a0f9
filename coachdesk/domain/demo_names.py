"""Invented names and phrases for the demo contact centre: people, teams, sites, coaching texts."""

from __future__ import annotations

import random
import unicodedata

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
#: agenda of a prepared one-to-one: the usual opening, the opening of an expectation-setting one, the review line
DRAFT_AGENDA = ("Figures and objectives since last time.", "Expectations for the quarter and what motivates you.",
                "Actions and commitments from last time.")
AGENDA_POINTS = ("Rota and leave requests.", "Training and development wishes.", "Feedback from recent observations.",
                 "How are you doing? Workload and wellbeing.", "Recognition since last time.")
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


def ascii_fold(text: str) -> str:
    """Accents dropped, letters only, lower case (for e-mail addresses)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in plain.lower() if ch.isalpha())



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



def aliases(rng: random.Random, given: str, family: str) -> list[str]:
    """Spellings of a name as other systems write it: payroll "Family, Given", WFM upper case, initials."""
    out = [f"{family}, {given}"]
    if rng.random() < 0.4:
        out.append(f"{family.upper()} {given.upper()}")
    if rng.random() < 0.3:
        out.append(f"{given[0]}. {family}")
    return out
