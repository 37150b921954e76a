"""``planner.agenda`` on a real database: who is on the day's agenda, and how a line leaves."""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from inmail_tui.core.agenda import Action
from inmail_tui.core.model import Channel, Outcome, Status
from inmail_tui.errors import UserError
from inmail_tui.planner import Planner
from inmail_tui.planner.agenda import AgendaView
from inmail_tui.settings import Settings

TODAY = date(2026, 11, 24)
URL = "https://www.linkedin.com/in/{}"
BODY = "Hi, your team's growth this year stood out. Is hiring a priority for you right now?"
PEOPLE = [
    # slug, degree, priority, email, open profile
    ("waiting-1", "2nd", 5, "", ""),
    ("waiting-2", "2nd", 4, "", ""),
    ("waiting-weak", "2nd", 3, "", ""),
    ("connection", "1st", 5, "", ""),
    ("has-email", "2nd", 5, "ana@example.com", ""),
    ("open-profile", "3rd", 5, "", "yes"),
    ("new-strong", "2nd", 5, "", ""),
    ("new-weak", "3rd", 2, "", ""),
    *[(f"sent-{i}", "2nd", 3, "", "") for i in range(4)],
]
# Sales Navigator with LinkedIn's credit-back (the shipped default keeps it off)
CREDIT_BACK = {"sales_navigator_core": {"credit_back": True}}


def make(db: str, tmp_path: Path, settings: Settings | None = None) -> Planner:
    """Requests of 8 days ago (fits 5, 4, 3), new prospects, free routes, 4 InMails of 20 days
    ago of which 2 were answered."""
    settings = settings or Settings(plans=CREDIT_BACK)
    start = Planner.open(db, TODAY - timedelta(days=20), settings)
    start.credits.set_plan("sales_navigator_core", 1, 120)
    people = tmp_path / "people.csv"
    with people.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(
            ["LinkedIn URL", "Full Name", "Degree", "Priority", "Email", "Open Profile"]
        )
        for slug, degree, fit, email, open_profile in PEOPLE:
            writer.writerow([URL.format(slug), slug.title(), degree, fit, email, open_profile])
    start.transfer.import_file(people)
    for i in range(4):
        start.outreach.mark_sent(URL.format(f"sent-{i}"), Channel.INMAIL, "Your team", BODY)
    asked = Planner.open(db, TODAY - timedelta(days=8), settings)
    asked.outreach.mark(
        [pid(asked, s) for s in ("waiting-1", "waiting-2", "waiting-weak")],
        Status.CONNECT_REQUESTED,
    )
    asked.outreach.record_outcome(URL.format("sent-0"), Outcome.REPLIED)
    asked.outreach.record_outcome(URL.format("sent-1"), Outcome.ACCEPTED)
    return Planner.open(db, TODAY, settings)


def pid(planner: Planner, slug: str) -> int:
    return planner.queue.prospect(URL.format(slug)).row.id


def names(view: AgendaView, action: Action) -> list[str]:
    return [line.name for line in view.agenda.group(action).lines]


def again(db: str, planner: Planner, **settings: object) -> Planner:
    """The same database with other settings."""
    changed = replace(planner.ctx.settings, **settings)  # type: ignore[arg-type]
    return Planner.open(db, TODAY, changed)


def test_the_day_lists_each_action_for_the_right_people(db_url: str, tmp_path: Path) -> None:
    planner = make(db_url, tmp_path)
    view = planner.agenda.day()
    assert (
        view.on == TODAY and view.pool == "main" and view.balance == 118
    )  # 120, 4 spent, 2 came back
    # connection requests: the new prospects an InMail would cost a credit, strongest first;
    # the free routes (1st degree, an email, Open Profile) are not asked to connect
    assert names(view, Action.REQUEST) == ["New-Strong", "New-Weak"]
    # the connection-first clock: the strong fits' requests waited 8 days (7 needed); the weak
    # fit's request gets no InMail, and nobody with a free route does
    assert names(view, Action.INMAIL) == ["Waiting-1", "Waiting-2"]
    inmail = view.agenda.group(Action.INMAIL).lines[0]
    assert (inmail.cost, inmail.channel, inmail.due) == (
        "1 credit",
        Channel.INMAIL,
        TODAY - timedelta(days=1),
    )
    assert "connection request of 16 Nov 2026 unanswered for 8 days" in inmail.why
    assert names(view, Action.ANSWER) == ["Sent-0"]
    assert names(view, Action.MESSAGE) == ["Sent-1"]
    assert names(view, Action.WITHDRAW) == []  # pending 8 days; withdrawn after 21
    assert names(view, Action.CREDIT_BACK) == []  # the windows end in 70 days
    request = view.agenda.group(Action.REQUEST).lines[0]
    assert request.cost == "free; 1 of the week's invitations"
    assert view.agenda.invitations_left == 100  # the requests of 8 days ago are out of the week
    assert "an InMail may follow on 1 Dec 2026 if unanswered" in request.why
    assert view.counts()[Action.REQUEST] == 2
    # 118 + the grant of 50 on 1 Dec is over the cap of 150
    assert view.forfeit is not None
    assert view.forfeit.says() == "Spend 18 credits before 1 Dec 2026 or lose them."


def test_withdraw_and_credit_back_lines_follow_their_settings(db_url: str, tmp_path: Path) -> None:
    planner = again(
        db_url, make(db_url, tmp_path), withdraw_after_days=8, credit_back_within_days=70
    )
    view = planner.agenda.day()
    # all three asked the same day: the weaker fit first (the stronger are kept longest)
    assert names(view, Action.WITHDRAW) == ["Waiting-Weak", "Waiting-2", "Waiting-1"]
    withdraw = view.agenda.group(Action.WITHDRAW).lines[-1]
    assert "pending for 8 days" in withdraw.why and "21 days" in withdraw.why
    # InMails of 20 days ago, no response yet: the window ends on day 90
    assert names(view, Action.CREDIT_BACK) == ["Sent-2", "Sent-3"]
    assert "gives the credit back" in view.agenda.group(Action.CREDIT_BACK).lines[0].why
    assert (
        names(again(db_url, planner, credit_back_within_days=69).agenda.day(), Action.CREDIT_BACK)
        == []
    )


def test_inmail_lines_never_exceed_the_credits_above_the_reserve(
    db_url: str, tmp_path: Path
) -> None:
    planner = again(db_url, make(db_url, tmp_path), reserve=117)
    group = planner.agenda.day().agenda.group(Action.INMAIL)
    assert [line.name for line in group.lines] == ["Waiting-1"] and group.more
    assert again(db_url, planner, reserve=118).agenda.day().agenda.group(Action.INMAIL).lines == ()


def test_done_records_the_pipeline_step_and_the_line_leaves(db_url: str, tmp_path: Path) -> None:
    planner = make(db_url, tmp_path)
    strong = pid(planner, "new-strong")
    result = planner.agenda.done(strong, Action.REQUEST)
    assert "marked requested" in result.message
    assert planner.queue.prospect(strong).row.status == Status.CONNECT_REQUESTED
    view = planner.agenda.day()
    assert names(view, Action.REQUEST) == ["New-Weak"]
    assert view.agenda.invitations_left == 99  # the request counts against the week's budget
    planner.outreach.undo([strong])  # an undone request does not
    assert planner.agenda.day().agenda.invitations_left == 100
    planner.agenda.done(strong, Action.REQUEST)
    # an answer and a message are recorded as messaged
    planner.agenda.done(pid(planner, "sent-0"), "answer")
    planner.agenda.done(pid(planner, "sent-1"), Action.MESSAGE)
    view = planner.agenda.day()
    assert names(view, Action.ANSWER) == names(view, Action.MESSAGE) == []
    assert planner.queue.prospect(pid(planner, "sent-0")).row.status == Status.MESSAGED


def test_a_withdrawn_invitation_is_an_unanswered_request(db_url: str, tmp_path: Path) -> None:
    planner = again(db_url, make(db_url, tmp_path), withdraw_after_days=8)
    weak = pid(planner, "waiting-weak")
    planner.agenda.done(weak, Action.WITHDRAW)
    assert planner.queue.prospect(weak).row.status == Status.NO_RESPONSE
    view = planner.agenda.day()
    assert names(view, Action.WITHDRAW) == ["Waiting-2", "Waiting-1"]
    # the request route is closed: a fit worth a credit may get an InMail at once
    assert names(view, Action.INMAIL) == ["Waiting-1", "Waiting-2", "Waiting-Weak"]


def test_an_inmail_is_done_where_its_credit_is_spent(db_url: str, tmp_path: Path) -> None:
    planner = make(db_url, tmp_path)
    waiting = pid(planner, "waiting-1")
    with pytest.raises(UserError, match="inmail-tui sent"):
        planner.agenda.done(waiting, Action.INMAIL)
    assert planner.credits.balance().balance == 118  # nothing spent, nothing recorded
    planner.outreach.mark_sent(waiting, Channel.INMAIL, "Your team", BODY)  # the drafter
    view = planner.agenda.day()
    assert names(view, Action.INMAIL) == ["Waiting-2"]
    assert view.balance == 117


def test_skip_holds_a_line_until_tomorrow_and_snooze_for_days(db_url: str, tmp_path: Path) -> None:
    planner = make(db_url, tmp_path)
    strong, weak = pid(planner, "new-strong"), pid(planner, "new-weak")
    assert planner.agenda.skip(strong, Action.REQUEST).until == TODAY + timedelta(days=1)
    assert planner.agenda.snooze(weak, "request", 3).until == TODAY + timedelta(days=3)
    assert names(planner.agenda.day(), Action.REQUEST) == []
    # the hold is for that action only
    planner.agenda.skip(pid(planner, "waiting-1"), Action.WITHDRAW)
    assert names(planner.agenda.day(), Action.INMAIL) == ["Waiting-1", "Waiting-2"]
    tomorrow = planner.agenda.day(TODAY + timedelta(days=1))
    assert names(tomorrow, Action.REQUEST) == ["New-Strong"]
    later = planner.agenda.day(TODAY + timedelta(days=3))
    assert names(later, Action.REQUEST) == ["New-Strong", "New-Weak"]


def test_a_credit_back_line_done_is_held_off_until_its_window_ends(
    db_url: str, tmp_path: Path
) -> None:
    planner = again(db_url, make(db_url, tmp_path), credit_back_within_days=70)
    result = planner.agenda.done(pid(planner, "sent-2"), Action.CREDIT_BACK)
    assert result.until == TODAY + timedelta(days=71)
    assert names(planner.agenda.day(), Action.CREDIT_BACK) == ["Sent-3"]
    # a response recorded takes the other one off: the credit came back
    planner.outreach.record_outcome(URL.format("sent-3"), Outcome.REPLIED)
    view = planner.agenda.day()
    assert names(view, Action.CREDIT_BACK) == []
    assert names(view, Action.ANSWER) == ["Sent-0", "Sent-3"]


@pytest.mark.parametrize(
    ("call", "says"),
    [
        (lambda p: p.agenda.done(999, Action.REQUEST), "No prospect 999"),
        (lambda p: p.agenda.skip("linkedin.com/in/nobody-here", Action.REQUEST), "No prospect"),
        (lambda p: p.agenda.skip(1, "dance"), "Unknown agenda action"),
        (lambda p: p.agenda.snooze(1, Action.REQUEST, 0), "snoozed for 1 to 365 days, not 0"),
        (lambda p: p.agenda.snooze(1, Action.REQUEST, 366), "not 366"),
        # a new prospect has no invitation to withdraw: the pipeline's own sentence
        (lambda p: p.agenda.done(pid(p, "new-strong"), Action.WITHDRAW), "Not marked done: "),
    ],
)
def test_clear_errors(
    db_url: str, tmp_path: Path, call: Callable[[Planner], object], says: str
) -> None:
    planner = make(db_url, tmp_path)
    before = planner.agenda.day().to_json()
    with pytest.raises(UserError) as caught:
        call(planner)
    assert says in str(caught.value)
    assert planner.agenda.day().to_json() == before  # nothing was written


def test_the_json_document(db_url: str, tmp_path: Path) -> None:
    doc = make(db_url, tmp_path).agenda.day().to_json()
    assert set(doc) == {
        "on", "pool", "balance", "reserve", "available", "invitations_left", "forfeit",
        "counts", "groups",
    }  # fmt: skip
    assert [g["action"] for g in doc["groups"]] == [a.value for a in Action]
    assert doc["counts"] == {g["action"]: len(g["lines"]) for g in doc["groups"]}
    line = doc["groups"][1]["lines"][0]
    assert set(line) == {"id", "name", "url", "action", "channel", "fit", "why", "cost", "due"}
    assert (line["action"], line["channel"], line["cost"]) == ("inmail", "inmail", "1 credit")


def test_the_next_agenda_sees_every_write_since_the_last(db_url: str, tmp_path: Path) -> None:
    """On SQLite the pool's facts (the ledger, the week's invitations, the holds) are kept from
    one agenda to the next until the change marker moves: a write of this planner or of another
    process (another engine on the same database) shows in the next agenda."""
    planner = make(db_url, tmp_path)
    before = planner.agenda.day()
    assert names(before, Action.REQUEST) == ["New-Strong", "New-Weak"]
    assert before.agenda.invitations_left == 100
    other = Planner.open(db_url, TODAY, planner.ctx.settings)  # another process's engine
    other.agenda.skip(pid(other, "new-weak"), Action.REQUEST)  # a hold
    other.outreach.mark([pid(other, "new-strong")], Status.CONNECT_REQUESTED)  # an invitation
    view = planner.agenda.day()
    assert names(view, Action.REQUEST) == []
    assert view.agenda.invitations_left == 99
    other.outreach.mark_sent(URL.format("waiting-2"), Channel.INMAIL, "Your team", BODY)
    assert planner.agenda.day().balance == before.balance - 1  # the ledger
    planner.outreach.undo([pid(planner, "new-strong")])  # this planner's own write
    assert planner.agenda.day().agenda.invitations_left == 100
    other.ctx.engine.dispose()
