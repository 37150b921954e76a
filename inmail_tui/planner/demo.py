"""``inmail-tui demo``: a database with a few months of realistic history, made up from a seed.

The history is written the way a user would have written it, through the planner on the days it
happened (an injected "today" per step), so grants, spends, credit-backs and statuses are real.
"""

from __future__ import annotations

import tempfile
from datetime import date, timedelta
from pathlib import Path

from inmail_tui.core.importing.synthetic import (
    SyntheticPerson,
    connections_csv,
    people,
    phantombuster_csv,
)
from inmail_tui.core.model import Channel, Degree, Outcome, Status
from inmail_tui.planner import Planner
from inmail_tui.settings import Settings

SEED = 2026
DEMO_BODY = (
    "Hi {name}, I saw how your team grew this year. We help teams like yours cut the time to"
    " first reply on outreach. Is this a priority for you right now?"
)


def _friendly(persons: list[SyntheticPerson]) -> list[SyntheticPerson]:
    """The generator's hostile names test the app; the demo shows ordinary people."""
    hostile = set("[]=+\x1b\n\r\t|")
    return [
        p
        for p in persons
        if not hostile & set(p.full_name + p.company + p.title)
        and len(p.full_name + p.company + p.title) < 90
    ]


def _send(planner: Planner, person: SyntheticPerson, n: int, template_id: int) -> None:
    """An InMail from the starter template, A/B-tested on the subject."""
    subject = ("Your team's growth", "Hiring plans")[n % 2]
    body = DEMO_BODY.format(name=person.first_name)
    variant = "AB"[n % 2]
    planner.outreach.mark_sent(
        person.url, Channel.INMAIL, subject, body, template_id=template_id, variant=variant
    )


def seed_demo(db: str, today: date, settings: Settings) -> None:
    start = today - timedelta(days=80)
    first = Planner.open(db, start, settings)
    first.credits.set_plan("sales_navigator_core", renewal_day=1, balance=64)
    connections = _friendly(people(40, SEED))[:24]
    leads = _friendly(people(60, SEED + 1, start=1000))[:40] + connections[:4]
    with tempfile.TemporaryDirectory(prefix="inmail-tui-demo-") as tmp:
        folder = Path(tmp)
        (folder / "Connections.csv").write_text(connections_csv(connections), "utf-8")
        (folder / "leads.csv").write_text(phantombuster_csv(leads), "utf-8")
        first.transfer.import_file(folder / "Connections.csv")
        first.transfer.import_file(folder / "leads.csv")
    paid = [p for p in leads if p.degree in (Degree.SECOND, Degree.THIRD) and not p.open_profile]
    middle = Planner.open(db, today - timedelta(days=40), settings)
    starter = next(t for t in middle.drafts.templates(Channel.INMAIL))
    for n, person in enumerate(paid[:8]):
        _send(middle, person, n, starter.id)
    later = Planner.open(db, today - timedelta(days=30), settings)
    later.outreach.record_outcome(paid[0].url, Outcome.REPLIED)
    later.outreach.record_outcome(paid[1].url, Outcome.ACCEPTED)
    later.outreach.record_outcome(paid[2].url, Outcome.DECLINED)
    recent = Planner.open(db, today - timedelta(days=9), settings)
    requested = [p.url for p in paid[8:14]]
    ids = [recent.queue.prospect(url).row.id for url in requested]
    recent.outreach.mark(ids, Status.CONNECT_REQUESTED)
    recent.outreach.mark(ids[:2], Status.CONNECTED, today - timedelta(days=5))
    recent.queue.set_priority(ids[2:5], 5)
    this_week = Planner.open(db, today - timedelta(days=6), settings)
    for n, person in enumerate(paid[14:24]):
        _send(this_week, person, n, starter.id)
    Planner.open(db, today, settings).credits.balance()
