"""``planner.spending.plan`` on a real database: who it reads, what it plans, what it says."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

import pytest

from inmail_tui.core.analytics import inmail_counts
from inmail_tui.core.model import Channel, Outcome, Status
from inmail_tui.errors import UserError
from inmail_tui.planner import Planner
from inmail_tui.settings import Settings
from inmail_tui.store import touches

TODAY = date(2026, 11, 24)
URL = "https://www.linkedin.com/in/{}"
BODY = "Hi, your team's growth this year stood out. Is hiring a priority for you right now?"
PEOPLE = [
    # slug, degree, priority, tags, email, open profile
    ("waiting-1", "2nd", 5, "fintech", "", ""),
    ("waiting-2", "2nd", 4, "", "", ""),
    ("waiting-weak", "2nd", 3, "", "", ""),
    ("connection", "1st", 5, "", "", ""),
    ("has-email", "2nd", 5, "", "ana@example.com", ""),
    ("open-profile", "3rd", 5, "", "", "yes"),
    ("new-strong", "2nd", 5, "", "", ""),
    ("new-weak", "3rd", 2, "", "", ""),
    *[(f"sent-{i}", "2nd", 3, "fintech", "", "") for i in range(6)],
]


def make(tmp_path: Path, settings: Settings | None = None) -> Planner:
    settings = settings or Settings()
    db = tmp_path / "inmail.sqlite"
    start = Planner.open(db, TODAY - timedelta(days=20), settings)
    start.credits.set_plan("sales_navigator_core", 1, 120)
    people = tmp_path / "people.csv"
    with people.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["LinkedIn URL", "Full Name", "Degree", "Priority", "Tags", "Email",
                         "Open Profile"])  # fmt: skip
        for slug, degree, fit, tags, email, open_profile in PEOPLE:
            writer.writerow(
                [URL.format(slug), slug.title(), degree, fit, tags, email, open_profile]
            )
    start.transfer.import_file(people)
    template = next(t for t in start.drafts.templates(Channel.INMAIL))
    for i in range(6):
        start.outreach.mark_sent(
            URL.format(f"sent-{i}"), Channel.INMAIL, "Your team", BODY, template_id=template.id
        )
    asked = Planner.open(db, TODAY - timedelta(days=8), settings)
    ids = [asked.queue.prospect(URL.format(s)).row.id for s in ("waiting-1", "waiting-2")]
    ids.append(asked.queue.prospect(URL.format("waiting-weak")).row.id)
    asked.outreach.mark(ids, Status.CONNECT_REQUESTED)
    for i in (0, 1):
        asked.outreach.record_outcome(URL.format(f"sent-{i}"), Outcome.REPLIED)
    return Planner.open(db, TODAY, settings)


def test_the_plan_reads_the_queue_and_keeps_every_rule(tmp_path: Path) -> None:
    planner = make(tmp_path)
    view = planner.spending.plan()
    plan = view.plan
    assert (plan.today, plan.until) == (TODAY, date(2027, 1, 1))  # the second coming grant
    inmails = {view.name(i.id): i.on for i in plan.inmails}
    # the two strong fits whose requests have waited, today; the new strong fit a week after
    # its request; nobody with a free route, nobody weak
    assert inmails == {
        "Waiting-1": TODAY,
        "Waiting-2": TODAY,
        "New-Strong": TODAY + timedelta(days=7),
    }
    requests = {view.name(r.id): (r.on, r.inmail_from) for r in plan.requests}
    assert requests == {
        "New-Strong": (TODAY, TODAY + timedelta(days=7)),
        "New-Weak": (TODAY, None),
    }
    fintech = next(i for i in plan.inmails if view.name(i.id) == "Waiting-1").source
    assert (fintech.kind, fintech.label, fintech.sends, fintech.replies) == ("tag", "fintech", 6, 2)
    # 114 today (120 - 6 sent); 1 Dec brings 50 over the cap of 150: 14 would be lost, and
    # only 2 candidates are ready before it
    assert view.balance == 114
    assert [(loss.on, loss.credits) for loss in plan.losses] == [
        (date(2026, 12, 1), 12),
        (date(2027, 1, 1), 49),
    ]
    assert "no candidates of fit 3 or more are ready before 1 Dec 2026" in plan.losses[0].why


def test_the_reserve_and_the_last_day_are_the_users(tmp_path: Path) -> None:
    planner = make(tmp_path)
    plan = planner.spending.plan(until=TODAY + timedelta(days=3), reserve=113).plan
    assert plan.credits_used == 1 and plan.until == TODAY + timedelta(days=3)
    assert min(d.balance for d in plan.days) == 113
    with pytest.raises(UserError, match="before today"):
        planner.spending.plan(until=TODAY - timedelta(days=1))
    with pytest.raises(UserError, match="at most 366 days"):
        planner.spending.plan(until=TODAY + timedelta(days=400))
    for reserve in (-1, 1_000_001):  # the reserve setting's own bounds
        with pytest.raises(UserError, match="from 0 to 1,000,000"):
            planner.spending.plan(reserve=reserve)


def test_the_settings_decide_the_fits_and_the_prior(tmp_path: Path) -> None:
    settings = Settings(strong_fit=3, min_fit=3, reply_prior_percent=20, prior_weight=0, reserve=5)
    plan = make(tmp_path, settings).spending.plan().plan
    names = {i.id for i in plan.inmails}
    assert len(names) == 4  # the fit-3 request that has waited counts now
    assert plan.reserve == 5
    own = [i.source for i in plan.inmails if i.source.kind == "overall"]
    assert own and own[0].reply_rate == pytest.approx(2 / 6)  # weight 0: the raw rate


def test_without_a_pool_the_plan_says_how_to_set_one_up(tmp_path: Path) -> None:
    planner = Planner.open(tmp_path / "inmail.sqlite", TODAY, Settings())
    with pytest.raises(UserError, match="No credit pool yet"):
        planner.spending.plan()


def test_the_rates_read_the_same_history_as_the_analytics(tmp_path: Path) -> None:
    """The plan reads only the history of prospects sent an InMail; it counts what all the
    analytics' rows count, an undone outcome left out in both."""
    planner = make(tmp_path)
    later = Planner.open(planner.ctx.engine.url.database, TODAY, Settings())
    later.outreach.record_outcome(URL.format("sent-2"), Outcome.DECLINED)
    later.outreach.undo([later.queue.prospect(URL.format("sent-0")).row.id])
    with later.ctx.read() as conn:
        theirs = inmail_counts(touches.outreach_rows(conn))
        ours = inmail_counts(touches.outreach_rows(conn, inmailed_only=True))
    assert ours == theirs
    assert ours[1] == (6, 1, 2)  # six sent; sent-1 replied, sent-2 declined, sent-0's undone


def test_the_next_plan_reads_the_rates_again_after_any_write(tmp_path: Path) -> None:
    """On SQLite the expected rates (read from the whole InMail history) are kept from one plan
    to the next until the change marker moves: an outcome recorded by this planner or by another
    process (another engine on the same file) changes the next plan's rates."""
    planner = make(tmp_path)

    def fintech() -> tuple[int, int]:
        """The sends and replies behind the rate of the fintech prospect's planned InMail."""
        plan = planner.spending.plan()
        [item] = [i for i in plan.plan.inmails if plan.names[i.id][1] == URL.format("waiting-1")]
        return item.source.sends, item.source.replies

    assert fintech() == (6, 2)
    assert fintech() == (6, 2)  # kept: the same answer
    other = Planner.open(planner.ctx.engine.url.database, TODAY, Settings())
    other.outreach.record_outcome(URL.format("sent-2"), Outcome.REPLIED)
    assert fintech() == (6, 3)
    planner.outreach.undo([planner.queue.prospect(URL.format("sent-0")).row.id])
    assert fintech() == (6, 2)
    other.ctx.engine.dispose()
