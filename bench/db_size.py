"""Database size on 1,000,000 prospects: the file, the prospect table and the search index, with
schema version 5's search index (the profile URL indexed as its slug) against versions 1 to 4's
(the whole URL); and the store's searches on each, in CPU time.

    .venv/bin/python bench/db_size.py [--rows 1000000] [--db /tmp/inmail-size-1m.db] [--runs 15]

The database is built as ``bench/queue_queries.py`` builds its own (raw sqlite3 rows, then
``install_search`` and ANALYZE), once, and kept at ``--db``. A copy beside it (``<db>.v4``)
gets version 4's index instead: the statements revision 0001 installs (``SQLITE_DDL_V1``),
filled by FTS5's ``rebuild``. Both files are VACUUMed, then measured with SQLite's ``dbstat``
table (bytes of pages, by table or index). The searches run through
``inmail_tui.store.prospects`` as the queue asks them (a page of 50 and the count), by this
tree's code on both files (a whole profile URL is searched as its slug on both), interleaved;
each figure is the median CPU time (``process_time``) of ``--runs``.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import sys
import time
from contextlib import closing
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from queue_queries import build

from inmail_tui.store import prospects as P
from inmail_tui.store.engine import make_engine
from inmail_tui.store.search import FTS_TABLE, SQLITE_DDL_V1, rebuild_search, remove_search
from inmail_tui.store.tx import read_session

MB = 1_000_000


def with_version_4_index(source: Path, target: Path) -> None:
    """A copy of ``source`` whose search index is the one schema versions 1 to 4 had."""
    shutil.copyfile(source, target)
    engine = make_engine(target)
    with engine.begin() as conn:
        remove_search(conn)
        for statement in SQLITE_DDL_V1:
            conn.exec_driver_sql(statement)
        rebuild_search(conn)
    engine.dispose()


def vacuumed(path: Path) -> None:
    with closing(sqlite3.connect(path, isolation_level=None)) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        raw.execute("VACUUM")


def sizes(path: Path) -> dict[str, int]:
    """Bytes of the file and of its parts: the prospect table, its indexes, the search index
    (the FTS5 table's shadow tables) and everything else."""
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as raw:
        indexes = {
            name
            for (name,) in raw.execute(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'prospect'"
            )
        }
        parts = {"prospect table": 0, "prospect's indexes": 0, "search index": 0, "other": 0}
        data = 0
        for name, pages in raw.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name"):
            if name == "prospect":
                parts["prospect table"] += pages
            elif name in indexes:
                parts["prospect's indexes"] += pages
            elif name.startswith(FTS_TABLE):
                parts["search index"] += pages
                data += pages if name == f"{FTS_TABLE}_data" else 0
            else:
                parts["other"] += pages
    return {"file": path.stat().st_size, **parts, "search index: its _data (the terms)": data}


def searches(db: Path) -> list[tuple[str, P.QueueQuery]]:
    """The reads timed: searches for a name, a company, a URL slug, a whole profile URL and one
    matching nothing; the tag filter, which reads the index's tag column."""
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as raw:
        (count,) = raw.execute("SELECT count(*) FROM prospect").fetchone()
        (url,) = raw.execute("SELECT url FROM prospect WHERE id = ?", (count // 2,)).fetchone()
    slug = url.rsplit("/", 1)[1]
    return [
        ("search: name 'okafor'", P.QueueQuery(search="okafor")),
        ("search: company 'müller labs 42'", P.QueueQuery(search="müller labs 42")),
        (f"search: slug '{slug}'", P.QueueQuery(search=slug)),
        ("search: its whole profile URL", P.QueueQuery(search=url)),
        ("search: 'zzqx' (no match)", P.QueueQuery(search="zzqx")),
        ("tag 'hot' (10 %)", P.QueueQuery(tags=("hot",))),
        ("tag 'board-member' (0.05 %)", P.QueueQuery(tags=("board-member",))),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/inmail-size-1m.db"))
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    v5 = args.db
    v4 = v5.with_name(v5.name + ".v4")
    if not v5.exists():
        build(v5, args.rows)
        vacuumed(v5)
    if not v4.exists():
        started = time.perf_counter()
        with_version_4_index(v5, v4)
        vacuumed(v4)
        print(f"version 4's index built and VACUUMed in {time.perf_counter() - started:.1f} s")
    before, after = sizes(v4), sizes(v5)
    print(f"\n{'bytes (MB)':40} {'version 4':>10} {'version 5':>10} {'ratio':>6}")
    for part in before:
        ratio = after[part] / before[part] if before[part] else float("nan")
        print(f"{part:40} {before[part] / MB:10.1f} {after[part] / MB:10.1f} {ratio:6.2f}")
    for label, figures in (("version 4", before), ("version 5", after)):
        share = figures["search index"] / figures["file"]
        to_table = figures["search index"] / figures["prospect table"]
        print(f"{label}: search index {share:.0%} of the file, {to_table:.2f}x the table")

    engines = {"version 4": make_engine(v4), "version 5": make_engine(v5)}
    cases = searches(v5)
    times: dict[tuple[str, str], list[float]] = {}
    with read_session(engines["version 4"]) as old, read_session(engines["version 5"]) as new:
        conns = {"version 4": old, "version 5": new}
        for run in range(args.runs + 1):  # the first run warms the caches and is not counted
            for name, query in cases:
                for label, conn in conns.items():
                    started = time.process_time()
                    P.page(conn, query, None, 50)
                    P.count(conn, query)
                    if run:
                        times.setdefault((name, label), []).append(
                            (time.process_time() - started) * 1000
                        )
    print(f"\n{'page of 50 + count, CPU ms':40} {'version 4':>10} {'version 5':>10} {'ratio':>6}")
    for name, _ in cases:
        old_ms = statistics.median(times[(name, "version 4")])
        new_ms = statistics.median(times[(name, "version 5")])
        print(f"{name:40} {old_ms:10.2f} {new_ms:10.2f} {new_ms / old_ms:6.2f}")
    for engine in engines.values():
        engine.dispose()


if __name__ == "__main__":
    main()
