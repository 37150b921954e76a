"""The queue on PostgreSQL against the same queue on SQLite, through the planner, in one run.

    .venv/bin/python bench/queue_postgres.py [--rows 1000000] [--runs 9]
        [--pg-url postgresql+psycopg://postgres@127.0.0.1:5432/postgres]
        [--sqlite /tmp/inmail-queue-pg-bench-1000000.sqlite]

Builds the same prospects (``queue_queries.generate``) in a SQLite file (kept at ``--sqlite``
for the next run, built with ``queue_queries.build``: executemany) and in a PostgreSQL database
the bench creates and drops at its end (``COPY``, then the trigram index and ``VACUUM
(ANALYZE)``, which autovacuum does after a bulk insert).
Building is not what is measured. Then it times what the queue screen asks the planner for:
``planner.queue.page(...)`` (50 rows with their decisions) and ``planner.queue.count(...)``
(the "N of M"), for the first page, a status filter and a search; each case alternates between
the two backends, run after run, and the medians are compared: PG / SQLite.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy.engine import URL, make_url

sys.path.insert(0, str(Path(__file__).parent))
from queue_queries import _COLUMNS, build, generate

from inmail_tui.planner import Planner
from inmail_tui.planner.queue import QueueQuery
from inmail_tui.settings import Settings
from inmail_tui.store.engine import make_engine
from inmail_tui.store.schema import ensure_schema
from inmail_tui.store.search import PG_TRGM_INDEX, install_search

TODAY = date(2026, 11, 1)
TARGET_RATIO = 3.0
TARGET_MS = 150.0


def libpq(url: URL) -> str:
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def build_postgres(url: URL, rows: int) -> None:
    import psycopg

    engine = make_engine(url.render_as_string(hide_password=False))
    ensure_schema(engine)
    engine.dispose()
    started = time.perf_counter()
    with psycopg.connect(libpq(url)) as conn:
        conn.execute(f"DROP INDEX IF EXISTS {PG_TRGM_INDEX}")  # built once, after the load
        with (
            conn.cursor() as cur,
            cur.copy(f"COPY prospect ({', '.join(_COLUMNS)}) FROM STDIN") as copy,
        ):
            for row in generate(rows):
                copy.write_row([row[name] for name in _COLUMNS])
    print(f"PostgreSQL: {rows:,} rows copied in {time.perf_counter() - started:.1f} s", flush=True)
    engine = make_engine(url.render_as_string(hide_password=False))
    started = time.perf_counter()
    with engine.begin() as conn:
        install_search(conn)
    with psycopg.connect(libpq(url), autocommit=True) as conn:
        # what autovacuum does to a table after a bulk insert (statistics, visibility map)
        conn.execute("VACUUM (ANALYZE) prospect")
    print(f"PostgreSQL: trigram index and VACUUM in {time.perf_counter() - started:.1f} s")
    engine.dispose()


def timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument(
        "--pg-url",
        default=os.environ.get(
            "INMAIL_TUI_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
        ),
        help="a server where the bench may create (and then drops) a database of its own",
    )
    parser.add_argument("--sqlite", type=Path, default=None)
    args = parser.parse_args()
    sqlite_path = args.sqlite or Path(f"/tmp/inmail-queue-pg-bench-{args.rows}.sqlite")
    if not sqlite_path.exists():
        build(sqlite_path, args.rows)

    import psycopg

    admin = make_url(args.pg_url)
    name = f"inmail_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(libpq(admin), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        pg_url = admin.set(database=name)
        build_postgres(pg_url, args.rows)
        planners = {
            "SQLite": Planner.open(str(sqlite_path), TODAY, Settings()),
            "PostgreSQL": Planner.open(
                pg_url.render_as_string(hide_password=False), TODAY, Settings()
            ),
        }
        cases: list[tuple[str, Callable[[Planner], object]]] = []
        for label, query in [
            ("first page", QueueQuery()),
            ("filter status=connection_requested", QueueQuery(statuses=("connection_requested",))),
            ("search 'okafor'", QueueQuery(search="okafor")),
            ("search 'zzqx' (no match)", QueueQuery(search="zzqx")),
        ]:
            cases.append((f"{label}: page of 50", lambda p, q=query: p.queue.page(q, limit=50)))
            if query.search or query.statuses:
                cases.append((f"{label}: count", lambda p, q=query: p.queue.count(q)))
        cases.append(("total (all prospects)", lambda p: p.queue.total()))
        times: dict[tuple[str, str], list[float]] = {}
        for _label, case in cases:  # warm: caches, SQLAlchemy's statements
            for planner in planners.values():
                case(planner)
        for run in range(args.runs):
            for label, case in cases:
                order = list(planners.items())
                if run % 2:
                    order.reverse()
                for backend, planner in order:
                    took = timed(lambda c=case, p=planner: c(p))
                    times.setdefault((label, backend), []).append(took)
        print(f"\n{args.rows:,} prospects, median of {args.runs} runs, interleaved")
        print(f"{'query':50} {'SQLite ms':>10} {'PG ms':>9} {'PG/SQLite':>10}")
        for label, _ in cases:
            lite = statistics.median(times[(label, "SQLite")])
            pg = statistics.median(times[(label, "PostgreSQL")])
            verdict = "" if pg <= TARGET_MS and pg / lite <= TARGET_RATIO else "  (misses)"
            print(f"{label:50} {lite:10.2f} {pg:9.2f} {pg / lite:9.2f}x{verdict}", flush=True)
        for planner in planners.values():
            planner.ctx.engine.dispose()
    finally:
        with psycopg.connect(libpq(admin), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
