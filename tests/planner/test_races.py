"""Processes racing for the last credits, through the command users run: ``inmail-tui sent``.

The pool holds ``CREDITS`` credits; ``CREDITS + 2`` processes each mark an InMail to a different
2nd-degree prospect (1 credit each) sent, at the same moment, on SQLite and on PostgreSQL. Exactly
``CREDITS`` succeed, each reporting a different balance after; the others are refused with one
sentence and no traceback; the ledger holds exactly ``CREDITS`` spends and the balance is 0.

Each process is ``python -m inmail_tui --db URL --today DAY sent PROFILE ...``, so the race runs
the whole path: the CLI, ``planner.outreach.preview_send`` and ``planner.outreach.mark_sent``
(the one the TUI's drafter calls too), and the store's write lock.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from inmail_tui.core.model import Channel, EventKind, Status
from inmail_tui.planner import Planner
from inmail_tui.settings import Settings

pytestmark = pytest.mark.long  # processes racing each other: started first

TODAY = date(2026, 1, 15)
CREDITS = 2
PROCESSES = CREDITS + 2
PROFILES = [f"https://www.linkedin.com/in/racer-{i}" for i in range(PROCESSES)]
SUBJECT = "Your team's growth"
BODY = "Hi, your team's growth this year stood out. Is hiring a priority for you right now?"
PROMPT = b"[y/N]: "  # the end of click's confirmation prompt: the process waits for an answer
TIMEOUT = 60


@pytest.fixture
def pool(db_url: str, tmp_path: Path) -> str:
    """A Sales Navigator pool with ``CREDITS`` credits and a 2nd-degree prospect per process,
    each costing 1 credit; returns the database URL."""
    planner = Planner.open(db_url, TODAY, Settings())
    planner.credits.set_plan("sales_navigator_core", balance=CREDITS)
    leads = tmp_path / "leads.csv"
    leads.write_text(
        "Profile URL,Full Name,Degree,Open Profile,Accepts InMail\n"
        + "".join(f"{url},Racer {i},2nd,false,true\n" for i, url in enumerate(PROFILES)),
        "utf-8",
    )
    assert planner.transfer.import_file(leads).added == PROCESSES
    assert [planner.queue.cost(url, Channel.INMAIL).cost for url in PROFILES] == [1] * PROCESSES
    planner.ctx.engine.dispose()
    return db_url


@pytest.fixture
def spawned() -> Iterator[list[subprocess.Popen[bytes]]]:
    """The test's processes; any still running when it ends (a failed test) is killed."""
    procs: list[subprocess.Popen[bytes]] = []
    yield procs
    for proc in procs:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()


@dataclass
class Run:
    profile: str
    returncode: int
    stdout: str
    stderr: str  # what the process wrote after it was told to go


def start(db_url: str, profile: str, *args: str) -> subprocess.Popen[bytes]:
    command = ["inmail_tui", "--db", db_url, "--today", TODAY.isoformat(), "sent", profile]
    return subprocess.Popen(
        [sys.executable, "-m", *command, "--subject", SUBJECT, "--json", *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def wait_for_prompt(proc: subprocess.Popen[bytes]) -> bytes:
    """What the process wrote on stderr up to its confirmation prompt (it is waiting then)."""
    assert proc.stderr is not None
    seen = b""
    deadline = time.monotonic() + TIMEOUT
    while not seen.endswith(PROMPT):
        ready, _, _ = select.select([proc.stderr], [], [], max(deadline - time.monotonic(), 0))
        chunk = os.read(proc.stderr.fileno(), 4096) if ready else b""
        if not chunk:
            proc.kill()
            out, err = proc.communicate()
            pytest.fail(f"no confirmation prompt: {(seen + err).decode()} {out.decode()}")
        seen += chunk
    return seen


def finish(profile: str, proc: subprocess.Popen[bytes], stdin: bytes = b"") -> Run:
    out, err = proc.communicate(stdin, timeout=TIMEOUT)
    assert proc.returncode is not None
    return Run(profile, proc.returncode, out.decode(), err.decode())


def check_the_race(db_url: str, runs: list[Run]) -> None:
    won = [run for run in runs if run.returncode == 0]
    lost = [run for run in runs if run.returncode != 0]
    assert len(won) == CREDITS, [(run.profile, run.stderr) for run in runs]
    # Each winner spent a different credit: the balances after are CREDITS-1 ... 0, once each.
    balances = sorted(json.loads(run.stdout)["balance_after"] for run in won)
    assert balances == list(range(CREDITS))
    for run in won:
        assert run.stderr.strip() == "", run.stderr

    planner = Planner.open(db_url, TODAY, Settings())
    for run in lost:
        assert run.returncode == 1, run.stderr
        assert "Traceback" not in run.stderr and run.stdout == ""
        lines = run.stderr.strip().splitlines()
        assert len(lines) == 1, run.stderr  # one sentence, saying why
        reason = planner.outreach.preview_send(run.profile, Channel.INMAIL).reason
        assert reason and reason in lines[0]

    view = planner.credits.balance()
    assert view.balance == 0
    spends = [event for event in view.history if event.kind == EventKind.SPEND]
    assert sorted(event.ref or "" for event in spends) == sorted(run.profile for run in won)
    assert all(event.amount == -1 for event in spends)
    statuses = {url: planner.queue.prospect(url).row.status for url in PROFILES}
    assert {url for url, status in statuses.items() if status == Status.INMAIL_SENT} == {
        run.profile for run in won
    }
    assert {url for url, status in statuses.items() if status == Status.NEW} == {
        run.profile for run in lost
    }
    assert planner.analytics.view().stats.inmails_sent == CREDITS
    planner.ctx.engine.dispose()


def test_processes_confirming_at_once_spend_each_credit_once(
    pool: str, tmp_path: Path, spawned: list[subprocess.Popen[bytes]]
) -> None:
    """Every process is shown "1 credit" and asked to confirm before any of them spends; then
    all confirm at once, so every one of them reaches ``mark_sent`` with the credits gone or
    going, and only its check under the pool's write lock can refuse."""
    body = tmp_path / "body.txt"
    body.write_text(BODY, "utf-8")
    procs = [start(pool, url, "--body-file", str(body)) for url in PROFILES]
    spawned.extend(procs)
    for proc in procs:
        assert b"1 credit" in wait_for_prompt(proc)
    began = time.perf_counter()
    for proc in procs:  # go, all at once
        assert proc.stdin is not None
        proc.stdin.write(b"y\n")
        proc.stdin.flush()
    runs = [finish(url, proc) for url, proc in zip(PROFILES, procs, strict=True)]
    elapsed = time.perf_counter() - began
    check_the_race(pool, runs)
    won = sum(run.returncode == 0 for run in runs)
    print(f"{PROCESSES} processes confirmed at once: {won} sent, {PROCESSES - won} refused,"
          f" balance 0, in {elapsed:.2f} s")  # fmt: skip


def test_processes_sending_at_once_spend_each_credit_once(
    pool: str, spawned: list[subprocess.Popen[bytes]]
) -> None:
    """``sent --yes --body-file -``, all started together: however the processes interleave,
    the credits are spent once each and the rest are refused, by the preview or by the send."""
    began = time.perf_counter()
    procs = [start(pool, url, "--yes", "--body-file", "-") for url in PROFILES]
    spawned.extend(procs)
    runs = [finish(url, proc, BODY.encode()) for url, proc in zip(PROFILES, procs, strict=True)]
    elapsed = time.perf_counter() - began
    check_the_race(pool, runs)
    won = sum(run.returncode == 0 for run in runs)
    print(f"{PROCESSES} processes sent at once: {won} sent, {PROCESSES - won} refused,"
          f" balance 0, in {elapsed:.2f} s")  # fmt: skip


# --- Issue 10: seats racing for a shared pool --------------------------------------------------

SEATS = 8
PER_SEAT = 40
POOL_CREDITS = 150
LIMITED = "seat-0"  # the one seat with a monthly limit
LIMIT = 10
TEAM_TIMEOUT = 300  # 320 sends one at a time under the lock, on a loaded 2-core machine
TEAM_PROFILES = [
    [f"https://www.linkedin.com/in/team-{seat}-{n}" for n in range(PER_SEAT)]
    for seat in range(SEATS)
]

# One seat's process: open the planner as that seat, wait for the go file, then mark its 40
# InMails sent through ``planner.outreach.mark_sent`` (the path the drafter and `sent` take),
# one JSON line per attempt on stdout. SQLite's busy timeout (5 s) can run out for a writer
# waiting behind seven others; the sentence says to try again in a moment, and the process does
# (counted in "busy"): that is not a refusal, nothing was written.
_SEAT_RUN = """
import json, os, sys, time
from dataclasses import replace
from datetime import date
from inmail_tui.core.model import Channel
from inmail_tui.errors import UserError
from inmail_tui.planner import Planner
from inmail_tui.settings import Settings

db, day, seat, go, body = sys.argv[1:6]
profiles = sys.argv[6:]
planner = Planner.open(db, date.fromisoformat(day), replace(Settings(), seat=seat))
print(json.dumps({"ready": seat}), flush=True)
while not os.path.exists(go):
    time.sleep(0.005)
for url in profiles:
    busy = 0
    while True:
        try:
            result = planner.outreach.mark_sent(url, Channel.INMAIL, "Hiring", body)
        except UserError as error:
            if str(error).startswith("The database is busy") and busy < 20:
                busy += 1
                continue
            line = {"url": url, "refused": str(error), "busy": busy}
        else:
            line = {"url": url, "balance_after": result.balance_after, "busy": busy}
        print(json.dumps(line), flush=True)
        break
"""


@pytest.fixture
def team_pool(db_url: str, tmp_path: Path) -> str:
    """A pool of ``POOL_CREDITS`` shared by ``SEATS`` seats, ``LIMITED`` limited to ``LIMIT`` a
    month, and ``PER_SEAT`` 2nd-degree prospects for each seat; returns the database URL."""
    planner = Planner.open(db_url, TODAY, Settings())
    planner.credits.set_plan("sales_navigator_core", balance=POOL_CREDITS)
    for seat in range(SEATS):
        planner.team.add_seat(f"seat-{seat}", LIMIT if f"seat-{seat}" == LIMITED else None)
    leads = tmp_path / "team.csv"
    leads.write_text(
        "Profile URL,Full Name,Degree\n"
        + "".join(f"{url},Lead {url[-6:]},2nd\n" for urls in TEAM_PROFILES for url in urls),
        "utf-8",
    )
    assert planner.transfer.import_file(leads).added == SEATS * PER_SEAT
    planner.ctx.engine.dispose()
    return db_url


def test_seats_racing_for_a_shared_pool_never_overspend_it_or_a_seats_limit(
    team_pool: str, tmp_path: Path, spawned: list[subprocess.Popen[bytes]]
) -> None:
    """8 processes, one per seat, each mark 40 InMails sent at the same moment against a pool of
    150 with one seat limited to 10: exactly 150 are sent, the limited seat sends at most 10 (10
    unless the pool ran out first), the pool ends at 0, and every refusal is one sentence with
    its reason, never a traceback."""
    go = tmp_path / "go"
    for seat, urls in enumerate(TEAM_PROFILES):
        argv = [team_pool, TODAY.isoformat(), f"seat-{seat}", str(go), BODY, *urls]
        spawned.append(
            subprocess.Popen(
                [sys.executable, "-c", _SEAT_RUN, *argv],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
        )
    for proc in spawned:  # every process has opened the database and waits for the go file
        assert proc.stdout is not None
        assert json.loads(proc.stdout.readline()).get("ready"), proc.stderr
    began = time.perf_counter()
    go.write_text("go", "utf-8")
    outputs = [proc.communicate(timeout=TEAM_TIMEOUT) for proc in spawned]
    elapsed = time.perf_counter() - began

    sent: dict[str, int] = {}
    refusals: list[str] = []
    busy = 0
    for seat, (proc, (out, err)) in enumerate(zip(spawned, outputs, strict=True)):
        assert proc.returncode == 0 and err == b"", err.decode()
        lines = [json.loads(line) for line in out.decode().splitlines()]
        assert len(lines) == PER_SEAT
        sent[f"seat-{seat}"] = sum("balance_after" in line for line in lines)
        refusals += [line["refused"] for line in lines if "refused" in line]
        busy += sum(line["busy"] for line in lines)
    assert sum(sent.values()) == POOL_CREDITS
    # The limited seat never spends past its limit. It reaches it exactly unless the scheduler
    # starved it until the pool was empty (seen once on a loaded machine: 7); then every one of
    # its refusals is the empty pool's, never the limit's.
    assert sent[LIMITED] <= LIMIT
    limited_out = [r for r in refusals if f"Seat {LIMITED} has spent" in r]
    assert sent[LIMITED] == LIMIT or limited_out == []
    assert len(refusals) == SEATS * PER_SEAT - POOL_CREDITS
    for refusal in refusals:  # one sentence, saying why: the pool is empty or the seat's limit
        assert "\n" not in refusal and "Traceback" not in refusal
        assert refusal.startswith("Not marked sent: "), refusal
        assert "Balance is 0: cannot send now" in refusal or (
            f"Seat {LIMITED} has spent {LIMIT} of its {LIMIT} InMail credits this month" in refusal
        ), refusal

    planner = Planner.open(team_pool, TODAY, Settings())
    view = planner.team.view()
    assert view.balance == 0
    assert {seat.name: seat.used_this_month for seat in view.seats} == sent
    spends = [e for e in planner.credits.balance().history if e.kind == EventKind.SPEND]
    assert len(spends) == POOL_CREDITS and len({e.ref for e in spends}) == POOL_CREDITS
    planner.ctx.engine.dispose()
    limited = sum(LIMITED in r for r in refusals)
    print(f"{SEATS} seats x {PER_SEAT} InMails: {SEATS * PER_SEAT} attempts, {POOL_CREDITS} sent"
          f" ({LIMITED}: {sent[LIMITED]}), {len(refusals)} refused ({limited} by the seat limit,"
          f" {len(refusals) - limited} by the empty pool), balance {view.balance},"
          f" {busy} busy retries, in {elapsed:.2f} s")  # fmt: skip
