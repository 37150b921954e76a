"""Search: trigram substring matches from the index, the short-query prefix fallback, the
triggers that keep the index in step, and literal treatment of any character."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import Connection, Engine, delete, insert, update

from inmail_tui.store import prospects as P
from inmail_tui.store.engine import make_engine
from inmail_tui.store.prospect_rows import PROSPECT
from inmail_tui.store.schema import ensure_schema
from inmail_tui.store.search import FTS_TABLE, install_search, rebuild_search

NOW = datetime(2026, 11, 1, tzinfo=UTC)

PEOPLE = [
    ("Ada Lovelace", "Analytical Engines", "Countess", "ada@engines.org", "", ""),
    ("Grace Hopper", "US Navy", "Rear Admiral", "", "compilers", "met at 'COBOL' day"),
    ("Thảo Nguyễn", "Globex, Inc.", "VP Sales", "", "hot", ""),
    ("Zoë Ødegård", 'Umbrella "Bio" Labs', "Head of Talent", "", "", "100% fit_ok"),
    ("[bold]Mallory[/bold]", "Evil Corp", "CTO", "", "", "\x1b[31m red"),
]


def row(n: int, name: str, company: str, title: str, email: str, tags: str, notes: str) -> Any:
    return {
        "url": f"https://www.linkedin.com/in/person-{n}",
        "full_name": name,
        "sort_name": name.casefold(),
        "company": company,
        "title": title,
        "email": email,
        "user_tags": tags,
        "notes": notes,
        "created_at": NOW,
        "updated_at": NOW,
    }


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url)
    ensure_schema(engine)
    with engine.begin() as conn:
        install_search(conn)
        conn.execute(insert(PROSPECT), [row(n, *p) for n, p in enumerate(PEOPLE)])
    yield engine
    engine.dispose()


def names(conn: Connection, text: str) -> list[str]:
    query = P.QueueQuery(search=text, sort="name", descending=False)
    found = [r.full_name for r in P.page(conn, query, None, 50).rows]
    assert P.count(conn, query) == len(found)
    return sorted(found)


EVERYONE = ["Ada Lovelace", "Grace Hopper", "Thảo Nguyễn", "Zoë Ødegård", "[bold]Mallory[/bold]"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("love", ["Ada Lovelace"]),  # inside a word
        ("LOVELACE", ["Ada Lovelace"]),  # case-insensitive
        ("engines.org", ["Ada Lovelace"]),  # email
        ("navy", ["Grace Hopper"]),  # company
        ("admiral", ["Grace Hopper"]),  # title
        ("compil", ["Grace Hopper"]),  # user tags
        ("'cobol'", ["Grace Hopper"]),  # notes, quotes and all
        ("nguyễn", ["Thảo Nguyễn"]),  # non-ASCII
        ("person-3", ["Zoë Ødegård"]),  # URL slug
        ("https://www.linkedin.com/in/person-3", ["Zoë Ødegård"]),  # a whole profile URL
        ("linkedin.com/in/Person-3/", ["Zoë Ødegård"]),  # in any spelling of it
        ("http://uk.linkedin.com/in/person-3?trk=people", ["Zoë Ødegård"]),
        ("/in/person-3/", ["Zoë Ødegård"]),  # or its path
        ("lovelace analytical", ["Ada Lovelace"]),  # the columns are searched as one text
        ("https://www.linkedin.com/in/person-9", []),
        # the start of a profile URL, its slug still to come: everyone, as with nothing typed
        *((start, EVERYONE) for start in ("https://www.linkedin.com/in/", "linkedin.com", "www.")),
        ('"bio"', ["Zoë Ødegård"]),  # double quotes are literal
        ("100%", ["Zoë Ødegård"]),
        ("fit_ok", ["Zoë Ødegård"]),
        ("[bold]", ["[bold]Mallory[/bold]"]),
        ("\x1b[31m", ["[bold]Mallory[/bold]"]),
        ("zzqx", []),
        ("a OR b", []),  # FTS5 syntax is not interpreted
        ("cto NOT x", []),
        ("  ", EVERYONE),
    ],
)
def test_search(engine: Engine, text: str, expected: list[str]) -> None:
    with engine.connect() as conn:
        assert names(conn, text) == sorted(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ad", ["Ada Lovelace"]),  # name prefix
        ("GR", ["Grace Hopper"]),
        ("gl", ["Thảo Nguyễn"]),  # company prefix
        ("zo", ["Zoë Ødegård"]),
        ("ov", []),  # not a prefix: short queries do not match inside words
        ("%", []),
        ("_", []),
    ],
)
def test_short_queries_match_prefixes(engine: Engine, text: str, expected: list[str]) -> None:
    with engine.connect() as conn:
        assert names(conn, text) == sorted(expected)


def test_index_follows_inserts_updates_and_deletes(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(update(PROSPECT).where(PROSPECT.c.id == 1).values(company="Difference Co"))
        conn.execute(delete(PROSPECT).where(PROSPECT.c.full_name == "Grace Hopper"))
        conn.execute(insert(PROSPECT), [row(9, "Alan Turing", "Bletchley", "", "", "", "")])
        P.add_tag(conn, [1], "babbage")
    with engine.connect() as conn:
        assert names(conn, "analytical") == []
        assert names(conn, "difference") == ["Ada Lovelace"]
        assert names(conn, "babbage") == ["Ada Lovelace"]
        assert names(conn, "hopper") == []
        assert names(conn, "bletch") == ["Alan Turing"]
        assert P.count(conn, P.QueueQuery(search="babbage", tags=("babbage",))) == 1


def test_index_follows_a_changed_url(engine: Engine) -> None:
    """The triggers index the slug of a new URL and take out the one indexed for the old."""
    with engine.begin() as conn:
        conn.execute(
            update(PROSPECT)
            .where(PROSPECT.c.full_name == "Ada Lovelace")
            .values(url="https://www.linkedin.com/in/countess-of-lovelace")
        )
        conn.execute(delete(PROSPECT).where(PROSPECT.c.full_name == "Grace Hopper"))
    with engine.connect() as conn:
        assert names(conn, "person-0") == []
        assert names(conn, "countess-of") == ["Ada Lovelace"]
        assert names(conn, "linkedin.com/in/countess-of-lovelace") == ["Ada Lovelace"]
        assert names(conn, "person-1") == []
    if engine.dialect.name == "sqlite":
        with engine.begin() as conn:  # what the index holds is what its content view gives
            conn.exec_driver_sql(
                f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rank) VALUES ('integrity-check', 1)"
            )


@pytest.mark.sqlite_only("what the FTS5 index holds (PostgreSQL searches the whole URL)")
def test_the_index_holds_no_url_prefix(engine: Engine) -> None:
    """Schema 5: the URL is indexed as its slug, so the prefix every URL shares is not found."""
    with engine.connect() as conn:
        for text in ("linkedin.com", "https:"):
            found = conn.exec_driver_sql(
                f"SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ?", (f'"{text}"',)
            )
            assert found.scalar() == 0, text
        assert names(conn, "son-3") == ["Zoë Ødegård"]


def test_install_indexes_existing_rows_and_rebuild_is_idempotent(db_url: str) -> None:
    engine = make_engine(db_url)
    ensure_schema(engine)
    with engine.begin() as conn:
        conn.execute(insert(PROSPECT), [row(n, *p) for n, p in enumerate(PEOPLE)])
        install_search(conn)
        install_search(conn)
        rebuild_search(conn)
    with engine.connect() as conn:
        assert names(conn, "hopper") == ["Grace Hopper"]
    engine.dispose()


@pytest.mark.postgres
def test_postgres_twin(pg_engine: Engine) -> None:
    with pg_engine.begin() as conn:
        install_search(conn)
        install_search(conn)  # idempotent
        conn.execute(insert(PROSPECT), [row(n, *p) for n, p in enumerate(PEOPLE)])
        P.add_tag(conn, [1], "babbage")
    with pg_engine.connect() as conn:
        assert names(conn, "LOVE") == ["Ada Lovelace"]
        assert names(conn, "100%") == ["Zoë Ødegård"]
        assert names(conn, "fit_ok") == ["Zoë Ødegård"]
        assert names(conn, "[bold]") == ["[bold]Mallory[/bold]"]
        assert names(conn, "zzqx") == []
        assert names(conn, "gr") == ["Grace Hopper"]
        assert P.count(conn, P.QueueQuery(tags=("babbage",))) == 1
        everyone = P.QueueQuery(sort="name", descending=True)
        first = P.page(conn, everyone, None, 2)
        rest = P.page(conn, everyone, first.next_cursor, 10)
        ids = [r.id for r in first.rows + rest.rows]
        assert sorted(ids) == [1, 2, 3, 4, 5]
        back = P.page_before(conn, everyone, rest.prev_cursor, 10)
        assert [r.id for r in back.rows] == [r.id for r in first.rows]
        available = conn.exec_driver_sql(
            "SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'"
        ).first()
        index = conn.exec_driver_sql(
            "SELECT 1 FROM pg_indexes WHERE indexname = 'ix_prospect_search_trgm' "
            "AND schemaname = current_schema()"
        ).first()
        assert (index is not None) == (available is not None)
