"""Issue 13: ``prospects --json``, ``prospects`` and ``export`` stream their rows (keyset chunks,
decisions memoised per distinct input, no alternatives) and print the same bytes as the listing
they replaced, which built every item page by page with ``QueueService.page`` (the queue
screen's read: no memo, alternatives made) and printed one ``json.dumps`` of the whole list.

The database holds more prospects than a stream's chunk (so items cross chunks), hostile names
(markup, escapes, C1 controls, bidi overrides), touches (histories), and a team pool whose
seats claimed and sent: each listing is compared with the previous one for the seat reading it.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from click.testing import Result

from inmail_tui.cli.prospects import _ROW, _prospect_json, _status_label
from inmail_tui.cli.root import echo_json, echo_json_list
from inmail_tui.core.exporting import write_prospects_csv
from inmail_tui.core.importing.synthetic import connections_csv, people, phantombuster_csv
from inmail_tui.core.text import json_safe, terminal_safe
from inmail_tui.planner import Planner
from inmail_tui.planner import queue as queue_module
from inmail_tui.planner.derive import QueueItem
from inmail_tui.planner.queue import QueueQuery
from inmail_tui.planner.transfer import export_row
from inmail_tui.settings import Settings

Run = Callable[..., Result]
CHUNK = 64  # the streams' chunk in these tests: 321 prospects cross five chunks
TODAY = date(2026, 1, 15)
EVIL = "Eve\x1b]0;pwned\x07\x1b]52;c;ZWNobyBoaQ==\x07\x9b2J\x9d0;t\x9c\x7f\u202elive\u2028"
EVIL_URL = "https://www.linkedin.com/in/eve-evil"
TWINS = [f"https://www.linkedin.com/in/twin-{letter}" for letter in "abcdef"]
BODY = "Hi, your team's growth this year stood out. Is hiring a priority for you right now?"


def previous_items(db: str, seat: str, query: QueueQuery) -> Iterator[QueueItem]:
    """Every item as the listings made them before: pages of the queue screen's read."""
    queue = Planner.open(db, TODAY, replace(Settings(), seat=seat)).queue
    after = None
    while True:
        found = queue.page(query, after=after, limit=50)
        yield from found.items
        if found.next_cursor is None:
            return
        after = found.next_cursor


def previous_json(items: list[QueueItem]) -> str:
    document = json.dumps(
        [_prospect_json(item) for item in items], ensure_ascii=False, indent=2, default=str
    )
    return json_safe(document) + "\n"


@pytest.fixture
def listed(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A team pool (seats ana and bo) with 321 prospects, an eighth hostile, and touches; the
    listings read chunks of ``CHUNK`` rows."""
    monkeypatch.setattr(queue_module, "STREAM_CHUNK", CHUNK)
    plan = run("plan", "recruiter_corporate", "--renewal-day", "15", "--balance", "40")
    assert plan.exit_code == 0
    (tmp_path / "c.csv").write_text(connections_csv(people(160, seed=7)), "utf-8")
    (tmp_path / "l.csv").write_text(phantombuster_csv(people(160, seed=8, start=5000)), "utf-8")
    with (tmp_path / "evil.csv").open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["LinkedIn URL", "First Name", "Last Name", "Company", "Title", "Notes"])
        writer.writerow([EVIL_URL, EVIL, EVIL, EVIL, EVIL, EVIL])
        for twin in TWINS:  # the same facts: the memo must still tell the claimed ones apart
            writer.writerow([twin, "Twin", twin[-1].upper(), "Acme", "CTO", ""])
    for name in ("c.csv", "l.csv", "evil.csv"):
        assert run("import", str(tmp_path / name)).exit_code == 0
    for seat in ("ana", "bo"):
        assert run("seats", "add", seat).exit_code == 0
    leads = [p["url"] for p in json.loads(run("prospects", "--json", "--tag", "3rd").stdout)]
    assert len(leads) > 33
    assert run("--seat", "bo", "claim", *leads[:10], *TWINS[1::2]).exit_code == 0
    assert run("--seat", "ana", "mark", "requested", *leads[10:30]).exit_code == 0
    (tmp_path / "body.txt").write_text(BODY, "utf-8")
    for url in (*leads[30:33], EVIL_URL):
        sent = run(
            "--seat", "ana", "sent", url, "--subject", "Hiring", "--body-file",
            str(tmp_path / "body.txt"), "--yes",
        )  # fmt: skip
        assert sent.exit_code == 0, sent.output
    assert run("--seat", "ana", "outcome", leads[30], "replied").exit_code == 0
    return str(tmp_path)


@pytest.mark.parametrize(
    ("args", "query", "limit"),
    [
        ((), QueueQuery(sort="name", descending=False), None),
        (
            ("--sort", "priority", "--status", "new", "--limit", str(CHUNK + 7)),
            QueueQuery(sort="priority", statuses=("new",), descending=True),
            CHUNK + 7,
        ),
        (("--sort", "due"), QueueQuery(sort="due", descending=False), None),
    ],
)
def test_prospects_json_prints_the_bytes_the_listing_printed_before(
    run: Run, db: str, listed: str, args: tuple[str, ...], query: QueueQuery, limit: int | None
) -> None:
    for seat in ("bo", "ana"):
        result = run("--seat", seat, "prospects", "--json", *args)
        assert result.exit_code == 0, result.output
        items = list(previous_items(db, seat, query))[:limit]
        assert len(items) > CHUNK
        assert result.stdout == previous_json(items)
    parsed = json.loads(run("--seat", "ana", "prospects", "--json", *args).stdout)
    reasons = [item["decision"]["reason"] for item in parsed]
    assert any(reason.startswith("Claimed by bo since") for reason in reasons)  # team facts
    if limit is None:
        assert f"{EVIL} {EVIL}" in {item["name"] for item in parsed}


def test_the_text_listing_prints_the_lines_it_printed_before(
    run: Run, db: str, listed: str
) -> None:
    result = run("--seat", "bo", "prospects")
    assert result.exit_code == 0, result.output
    lines = [_ROW.format("Name", "Company", "Tags", "Status", "Cost", "Send as", "Rule")]
    for item in previous_items(db, "bo", QueueQuery(sort="name", descending=False)):
        d = item.decision
        cost = "cannot send" if not d.allowed else ("free" if d.cost == 0 else "1 credit")
        lines.append(
            _ROW.format(
                item.row.full_name[:28],
                item.row.company[:22],
                " ".join(item.tags)[:24],
                _status_label(item.row.status)[:14],
                cost,
                d.channel.label,
                d.rule,
            )
        )
    assert result.stdout == "".join(terminal_safe(line.rstrip()) + "\n" for line in lines)


def test_export_writes_the_bytes_it_wrote_before(run: Run, db: str, listed: str) -> None:
    before = io.StringIO(newline="")
    query = QueueQuery(sort="name", descending=False)
    count = write_prospects_csv(before, (export_row(i) for i in previous_items(db, "bo", query)))
    to_stdout = run("--seat", "bo", "export", "-")
    assert to_stdout.exit_code == 0, to_stdout.output
    assert to_stdout.stdout == before.getvalue().replace("\r\n", "\n")  # (as click reads it)
    assert f"Exported {count:,} prospects" in to_stdout.stderr
    target = Path(listed) / "out.csv"
    assert run("--seat", "bo", "export", str(target)).exit_code == 0
    assert target.read_bytes() == before.getvalue().encode("utf-8-sig")
    assert EVIL in target.read_text("utf-8-sig")


def test_a_listing_of_nothing_is_an_empty_list(run: Run) -> None:
    result = run("prospects", "--json")
    assert (result.exit_code, result.stdout) == (0, "[]\n")


@pytest.mark.parametrize("count", [0, 1, 2, 3, 7])
def test_a_json_list_written_in_batches_is_the_one_document_echo_json_writes(
    count: int, capsys: pytest.CaptureFixture[str]
) -> None:
    """Batches of 2 spliced into one list; hostile text, dates, empty and nested values, and a
    key orjson refuses (an integer: that batch is json's)."""
    items = [
        {
            "name": f"{EVIL} {index}",
            "due": TODAY if index % 2 else None,
            "tags": [] if index % 3 else ["1st", "EMAIL"],
            "decision": {"cost": index, "allowed": bool(index % 2), "more": {}},
            **({7: "an integer key"} if index == 4 else {}),
        }
        for index in range(count)
    ]
    echo_json(items)
    whole = capsys.readouterr().out
    echo_json_list(iter(items), batch=2)
    assert capsys.readouterr().out == whole
    assert json.loads(whole) == json.loads(json.dumps(items, default=str))
