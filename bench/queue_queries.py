"""Queue queries on 1,000,000 prospects, each against raw sqlite3 running the equivalent SQL.

    .venv/bin/python bench/queue_queries.py [--rows 1000000] [--db /tmp/queue-1m.db] [--runs 15]

Builds the database once (raw sqlite3 executemany with realistic distributions, then the
search index rebuilt and ANALYZE), keeps it at ``--db`` for the next run, then times the queue's
queries through ``inmail_tui.store.prospects`` (SQLAlchemy Core, rows as ``ProspectRow``)
against the same rows fetched by hand-written SQL on a plain ``sqlite3`` connection. Prints
the median milliseconds of each, their ratio and the peak memory of the process.
"""

from __future__ import annotations

import argparse
import random
import resource
import sqlite3
import statistics
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from inmail_tui.store import prospects as P
from inmail_tui.store.engine import make_engine
from inmail_tui.store.prospect_rows import PROSPECT, ROW_COLUMNS
from inmail_tui.store.schema import ensure_schema
from inmail_tui.store.search import install_search, remove_search
from inmail_tui.store.tx import read_session

FIRST = [
    "Ana",
    "Ben",
    "Chloé",
    "Dmitri",
    "Eva",
    "Farid",
    "Grace",
    "Hiro",
    "Ines",
    "Jonas",
    "Kofi",
    "Lena",
    "Mateus",
    "Nadia",
    "Omar",
    "Priya",
    "Quinn",
    "Rosa",
    "Sven",
    "Thảo",
    "Uma",
    "Viktor",
    "Wen",
    "Ximena",
    "Yusuf",
    "Zoë",
    "Liam",
    "Noah",
    "Emma",
    "Olivia",
    "Ava",
    "Mia",
    "Lucas",
    "Ethan",
    "Amara",
    "Chen",
    "Dara",
    "Elif",
    "Femi",
    "Giulia",
    "Hana",
    "Ivan",
    "Jana",
    "Kai",
    "Leila",
    "Marek",
    "Nnamdi",
    "Oskar",
    "Pia",
    "Rafael",
    "Sara",
]
LAST = [
    "Smith",
    "Okafor",
    "Nguyễn",
    "Sokolov",
    "Costa",
    "Andersson",
    "Müller",
    "García",
    "Rossi",
    "Kowalski",
    "Tanaka",
    "Kim",
    "Haddad",
    "Novak",
    "Silva",
    "Dubois",
    "Jensen",
    "Ivanova",
    "Patel",
    "Cohen",
    "Nagy",
    "O'Brien",
    "Schmidt",
    "Moreau",
    "Lindqvist",
    "Fischer",
    "Romero",
    "Yilmaz",
    "Das",
    "Mensah",
    "Park",
    "Wang",
    "Li",
    "Brown",
    "Jones",
    "Miller",
    "Davis",
    "Wilson",
    "Taylor",
    "Clark",
]
TITLES = [
    "VP Sales",
    "Head of Talent Acquisition",
    "Founder & CTO",
    "Engineering Manager",
    "Recruiter",
    "Chief Revenue Officer",
    "Account Executive",
    "Product Lead",
    "Data Scientist",
    "Director of Operations",
]
TAGS = ["hot", "warm", "cold", "conference", "alumni", "referral", "fintech", "health"]
STATUSES = [("new", 80), ("connection_requested", 8), ("connected", 4), ("inmail_sent", 3)]
STATUSES += [("replied", 2), ("declined", 1), ("no_response", 1), ("do_not_contact", 1)]


def _weighted(pairs: list[tuple[Any, int]]) -> list[Any]:
    return [value for value, weight in pairs for _ in range(weight)]


def generate(rows: int, seed: int = 7) -> Iterator[dict[str, Any]]:
    rng = random.Random(seed)
    suffixes = ("Labs", "Inc", "GmbH", "Group", "Systems", "Partners", "Capital", "Health", "AB")
    companies = [f"{rng.choice(LAST)} {rng.choice(suffixes)} {n}" for n in range(5000)]
    statuses = _weighted(STATUSES)
    degrees = _weighted([(1, 5), (2, 45), (3, 40), (4, 10)])
    costs = _weighted([("free", 20), ("credit", 70), ("blocked", 10)])
    priorities = _weighted([(1, 15), (2, 25), (3, 35), (4, 17), (5, 8)])
    today = date(2026, 11, 1)
    stamp = "2026-11-01 09:00:00.000000"
    for i in range(rows):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        full = f"{first} {last}"
        slug = f"{first}-{last}-{i:07d}".lower().replace("'", "")
        degree = rng.choice(degrees)
        roll = rng.random()
        tags = ""
        if roll < 0.3:
            tags = " ".join(sorted(set(rng.choices(TAGS, k=rng.randint(1, 2)))))
        elif roll < 0.3005:
            tags = "board-member"  # a rare tag: 0.05 %
        due = today + timedelta(days=rng.randint(-30, 60)) if rng.random() < 0.2 else None
        email = f"{slug}@example.org" if rng.random() < 0.1 else ""
        yield {  # keyed by column: the INSERT names its columns from the table
            "url": f"https://www.linkedin.com/in/{slug}",
            "first_name": first,
            "last_name": last,
            "full_name": full,
            "sort_name": " ".join(full.casefold().split()),
            "company": rng.choice(companies),
            "title": rng.choice(TITLES),
            "email": email,
            "email_verified": bool(email),
            "degree": degree,
            "degree_source": "connections" if degree == 1 else "phantombuster",
            "premium": rng.random() < 0.2,
            "open_profile": rng.random() < 0.05,
            "accepts_inmail": rng.random() < 0.97,
            "blocked": rng.random() < 0.01,
            "shares_group": False,
            "applicant": False,
            "priority": rng.choice(priorities),
            "status": rng.choice(statuses),
            "status_on": None,
            "next_due": due.isoformat() if due else None,
            "cost_class": rng.choice(costs),
            "user_tags": tags,
            "notes": "",
            "sources": "connections" if degree == 1 else "phantombuster",
            "sales_nav_url": "",
            "connected_on": None,
            "owner_seat": None,  # no team pool: nobody is claimed
            "claimed_on": None,
            "extra": "{}",
            "created_at": stamp,
            "updated_at": stamp,
        }


# Every column but the id, as the table declares them.
_COLUMNS = [c.name for c in PROSPECT.columns if c.name != "id"]


def build(path: Path, rows: int) -> None:
    engine = make_engine(path)
    ensure_schema(engine)
    with engine.begin() as conn:
        remove_search(conn)  # install_search builds it again after, in one statement
    engine.dispose()
    raw = sqlite3.connect(path)
    raw.execute("PRAGMA journal_mode = WAL")
    started = time.perf_counter()
    with raw:
        marks = ", ".join(f":{name}" for name in _COLUMNS)
        raw.executemany(
            f"INSERT INTO prospect ({', '.join(_COLUMNS)}) VALUES ({marks})", generate(rows)
        )
    print(f"built {rows:,} rows in {time.perf_counter() - started:.1f} s", flush=True)
    raw.close()
    engine = make_engine(path)
    started = time.perf_counter()
    with engine.begin() as conn:
        install_search(conn)
        conn.exec_driver_sql("ANALYZE")
    print(f"search index and ANALYZE in {time.perf_counter() - started:.1f} s", flush=True)
    engine.dispose()


def median_ms(fn: Callable[[], object], runs: int) -> float:
    fn()  # warm: the page cache and SQLAlchemy's statement cache
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


_ROW_SQL = "SELECT " + ", ".join(ROW_COLUMNS)  # the same columns the store reads


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/inmail-queue-1m.db"))
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    if not args.db.exists():
        build(args.db, args.rows)
    engine = make_engine(args.db)
    raw = sqlite3.connect(args.db)
    middle = raw.execute(
        "SELECT priority, id FROM prospect ORDER BY priority DESC, id DESC LIMIT 1 OFFSET ?",
        (args.rows // 2,),
    ).fetchone()
    deep = P.Cursor(middle[0], middle[1])

    def fts(q: str) -> str:
        return "id IN (SELECT rowid FROM prospect_search WHERE prospect_search MATCH ?)"

    cases: list[tuple[str, P.QueueQuery, P.Cursor | None, str, tuple[Any, ...]]] = [
        ("first page (priority)", P.QueueQuery(), None, "1 ORDER BY priority DESC, id DESC", ()),
        (
            "deep page (keyset, row 500k)",
            P.QueueQuery(),
            deep,
            "(priority, id) < (?, ?) ORDER BY priority DESC, id DESC",
            (deep.value, deep.id),
        ),
        (
            "first page (name)",
            P.QueueQuery(sort="name", descending=False),
            None,
            "1 ORDER BY sort_name, id",
            (),
        ),
        (
            "first page (due)",
            P.QueueQuery(sort="due", descending=False),
            None,
            "next_due IS NOT NULL ORDER BY next_due, id",
            (),
        ),
        (
            "filter status=connection_requested",
            P.QueueQuery(statuses=("connection_requested",)),
            None,
            "status IN (?) ORDER BY priority DESC, id DESC",
            ("connection_requested",),
        ),
        (
            "filter cost=credit + tag 1st",
            P.QueueQuery(cost_classes=("credit",), tags=("1st",)),
            None,
            "degree = 1 AND cost_class IN (?) ORDER BY priority DESC, id DESC",
            ("credit",),
        ),
        (
            "filter user tag 'hot' (10 %)",
            P.QueueQuery(tags=("hot",)),
            None,
            "' ' || user_tags || ' ' LIKE '% hot %' ORDER BY priority DESC, id DESC",
            (),
        ),
        (
            "filter user tag 'board-member' (0.05 %)",
            P.QueueQuery(tags=("board-member",)),
            None,
            "' ' || user_tags || ' ' LIKE '% board-member %' ORDER BY priority DESC, id DESC",
            (),
        ),
        (
            "search 'okafor' (matching)",
            P.QueueQuery(search="okafor"),
            None,
            fts("") + " ORDER BY priority DESC, id DESC",
            ('"okafor"',),
        ),
        (
            "search 'zzqx' (no match)",
            P.QueueQuery(search="zzqx"),
            None,
            fts("") + " ORDER BY priority DESC, id DESC",
            ('"zzqx"',),
        ),
        (
            "search 'müller labs 42' (rare)",
            P.QueueQuery(search="müller labs 42"),
            None,
            fts("") + " ORDER BY priority DESC, id DESC",
            ('"müller labs 42"',),
        ),
    ]
    print(f"\n{'query':44} {'store ms':>9} {'raw ms':>8} {'ratio':>6}")
    with read_session(engine) as conn:
        for name, query, after, sql, params in cases:
            ours = median_ms(lambda q=query, a=after: P.page(conn, q, a, 50), args.runs)
            floor = median_ms(
                lambda s=sql, p=params: raw.execute(
                    f"{_ROW_SQL} FROM prospect WHERE {s} LIMIT 51", p
                ).fetchall(),
                args.runs,
            )
            print(f"{name:44} {ours:9.2f} {floor:8.2f} {ours / floor:6.2f}", flush=True)
        print()
        for name, query in [
            ("count: all", None),
            (
                "count: status=connection_requested",
                P.QueueQuery(statuses=("connection_requested",)),
            ),
            ("count: user tag 'hot'", P.QueueQuery(tags=("hot",))),
            ("count: search 'okafor'", P.QueueQuery(search="okafor")),
        ]:
            if query is None:
                ms = median_ms(lambda: P.total(conn), max(3, args.runs // 3))
            else:
                ms = median_ms(lambda q=query: P.count(conn, q), max(3, args.runs // 3))
            print(f"{name:44} {ms:9.2f}", flush=True)
        ms = median_ms(lambda: P.summary(conn), max(3, args.runs // 3))
        print(f"{'summary (by cost class)':44} {ms:9.2f}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory of this process: {peak:.0f} MB")


if __name__ == "__main__":
    main()
