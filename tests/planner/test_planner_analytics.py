"""The analytics view through the planner: what was sent, what came back, what may still come."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

import pytest

from inmail_tui.core.model import Channel, Outcome, Status
from inmail_tui.planner import Planner
from inmail_tui.settings import Settings

TODAY = date(2026, 1, 15)
URL = "https://www.linkedin.com/in/p{}"
BODY = "Hi, your team's growth this year stood out. Is hiring a priority for you right now?"


def make(tmp_path: Path, db_url: str, plan: str, today: date = TODAY) -> Planner:
    planner = Planner.open(db_url, today, Settings())
    planner.credits.set_plan(plan, 15, 10)
    people = tmp_path / "people.csv"
    with people.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["LinkedIn URL", "Full Name", "Degree", "Tags"])
        for i in range(8):
            writer.writerow([URL.format(i), f"Person {i}", "2nd", "fintech" if i < 4 else "retail"])
    planner.transfer.import_file(people)
    return planner


def reopen(planner: Planner, today: date) -> Planner:
    return Planner.open(
        planner.ctx.engine.url.render_as_string(hide_password=False), today, Settings()
    )


def test_empty(tmp_path: Path, db_url: str) -> None:
    view = make(tmp_path, db_url, "sales_navigator_core").analytics.view()
    assert view.stats.inmails_sent == 0
    assert (view.credits_spent, view.credited_back, view.credits_per_reply) == (0, 0, None)
    assert view.pending == []
    assert view.to_json()["response_rate"] is None


def test_sales_navigator_rates_and_credits(tmp_path: Path, db_url: str) -> None:
    planner = make(tmp_path, db_url, "sales_navigator_core")
    warm = planner.drafts.save_template("Warm", Channel.INMAIL, "Your team", BODY, "A")
    for i in range(6):
        variant = "A" if i % 2 == 0 else "B"
        template = warm.id if variant == "A" else None
        planner.outreach.mark_sent(
            URL.format(i), Channel.INMAIL, "Your team", BODY, template_id=template, variant=variant
        )
    for i in (6, 7):
        planner.outreach.mark(
            [planner.queue.prospect(URL.format(i)).row.id], Status.CONNECT_REQUESTED, on=TODAY
        )
    later = reopen(planner, TODAY + timedelta(days=5))
    later.outreach.record_outcome(URL.format(0), Outcome.REPLIED)
    later.outreach.record_outcome(URL.format(2), Outcome.DECLINED)
    later.outreach.record_outcome(URL.format(1), Outcome.ACCEPTED)
    later.outreach.record_outcome(URL.format(3), Outcome.NO_RESPONSE)
    later.outreach.mark([later.queue.prospect(URL.format(6)).row.id], Status.CONNECTED)

    view = later.analytics.view()
    stats = view.stats
    assert (stats.inmails_sent, stats.responses, stats.replies) == (6, 3, 2)
    variants = {r.label: (r.hits, r.total) for r in stats.by_variant.rates}
    assert variants == {"A": (2, 3), "B": (1, 3)}
    assert stats.by_variant.caveat == "A 2/3 vs B 1/3: too few to tell"
    assert {r.label: r.total for r in stats.by_template.rates} == {"Warm": 3, "(no template)": 3}
    assert {r.label: (r.hits, r.total) for r in stats.by_tag.rates} == {
        "fintech": (3, 4),
        "retail": (0, 2),
    }
    assert (stats.connect.hits, stats.connect.total) == (1, 2)
    # Sales Navigator gives nothing back by default (the brief's policy): 6 credits, 2 replies.
    assert (view.credits_spent, view.credited_back, view.credits_per_reply) == (6, 0, 3.0)
    assert view.pending == []
    assert view.to_json()["breakdowns"]["variant"]["caveat"] == stats.by_variant.caveat


def test_recruiter_lite_credit_backs_and_pending_deadlines(tmp_path: Path, db_url: str) -> None:
    planner = make(tmp_path, db_url, "recruiter_lite")
    planner.outreach.mark_sent(URL.format(0), Channel.INMAIL, "Your team", BODY)
    second = reopen(planner, TODAY + timedelta(days=10))
    second.outreach.mark_sent(URL.format(1), Channel.INMAIL, "Your team", BODY)
    second.outreach.mark_sent(URL.format(2), Channel.INMAIL, "Your team", BODY)
    second.outreach.record_outcome(URL.format(1), Outcome.REPLIED)

    view = reopen(planner, TODAY + timedelta(days=20)).analytics.view()
    assert (view.credits_spent, view.credited_back, view.net_credits) == (3, 1, 2)
    assert view.credits_per_reply == 2.0
    assert [(p.who, p.deadline, p.days_left) for p in view.pending] == [
        ("Person 0", TODAY + timedelta(days=90), 70),
        ("Person 2", TODAY + timedelta(days=100), 80),
    ]


@pytest.mark.parametrize("plan", ["premium_career", "recruiter_lite"])
def test_json_shape(tmp_path: Path, plan: str, db_url: str) -> None:
    planner = make(tmp_path, db_url, plan)
    planner.outreach.mark_sent(URL.format(0), Channel.INMAIL, "Your team", BODY, variant="A")
    data = planner.analytics.view().to_json()
    assert data["inmails_sent"] == 1
    assert set(data["breakdowns"]) == {"variant", "template", "tag"}
    assert data["breakdowns"]["variant"]["rates"] == [
        {"label": "A", "hits": 0, "total": 1, "rate": 0.0}
    ]
