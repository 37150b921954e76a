"""Issue 9, item 16: fuzzing in the suite. Hostile and random input to the importer (every
format, parsing alone and through the planner into SQLite), the settings loader, the drafting
checks and the command line's arguments: each either works or says why in a sentence (the
user-error types); no traceback, ever.

The suite runs a few dozen examples per target. A longer run by hand (the counts go in the
report)::

    INMAIL_TUI_FUZZ_EXAMPLES=5000 .venv/bin/python -m pytest tests/test_fuzz.py -q \\
        -p no:cacheprovider --hypothesis-show-statistics

``INMAIL_TUI_FUZZ_EXAMPLES`` sets ``max_examples`` for every test here (the slower CLI and
planner tests run a fifth of it).
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import shutil
import string
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from inmail_tui.core.errors import DomainError
from inmail_tui.core.importing import FORMAT_NAMES, RowError, open_import
from inmail_tui.core.importing.exported import HEADER as EXPORT_HEADER
from inmail_tui.core.importing.synthetic import connections_csv, people, phantombuster_csv
from inmail_tui.core.lint import Limits, lint
from inmail_tui.core.model import Channel, ProspectRecord
from inmail_tui.errors import UserError
from inmail_tui.settings import Settings, SettingsError, load_settings

EXAMPLES = int(os.environ.get("INMAIL_TUI_FUZZ_EXAMPLES", "60"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SLOW_FUZZ = settings(FUZZ, max_examples=max(EXAMPLES // 5, 10))
TODAY = date(2026, 1, 15)


# ---------------------------------------------------------------------------------------------
# Cells and files


# Hostile cells by the kind of value a column holds (short lists: each one gets drawn), and any
# text. Dates with huge years, numbers past any integer type, deeply nested JSON, controls, NUL,
# formulas, URLs of every shape.
NASTY = {
    "date": (
        "1 Jan 20000000000000",
        "24 Aug 99999999999999999999",
        "20000000000000-01-01",
        "99999-12-31",
        "0001-01-01",
        "9999-12-31T23:59:59Z",
        "31 Feb 2024",
        "32 Jan 2020",
        "1 Jan -5",
        "2024-1-2",
    ),
    "json": ("[" * 2000, "{" * 2000, '{"a": ' * 300, "[]", '{"k": 1}', "null", '{"a": "\\ud800"}'),
    "number": ("-1", "0", "6", "99999999999999999999", "1e309", "NaN", "\u0663", "3.0"),
    "url": (
        "linkedin.com/in/ana-garcia?trk=x",
        "https://www.linkedin.com/in/" + "a" * 600,
        "https://www.linkedin.com/in/%00",
        "https://www.linkedin.com/in/%ZZ",
        "https://www.linkedin.com/in/a\x00b",
        "https://www.linkedin.com/sales/lead/ACwAAB1,NAME_SEARCH,x",
        "http://[::1",
        "in/ana",
    ),
    "word": ("yes", "FALSE", "3rd+", "Out of Network", "distance_9", "replied", "Do not contact"),
    "text": (
        "",
        " ",
        "\x00",
        "\x1b]52;c;aGk=\x07",
        "\ufffd\ud7ff\U0010ffff",
        '=HYPERLINK("http://x")',
        "'=1",
        "x" * 5000,
        "a\r\nb",
        '"',
    ),
}
KINDS = {
    **dict.fromkeys(("Connected On", "Status On"), "date"),
    "Extra": "json",
    **dict.fromkeys(("Priority", "sharedGroups"), "number"),
}
ANY_NASTY = tuple(cell for pool in NASTY.values() for cell in pool)


def hostile(kind: str = "text") -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(NASTY[kind]),
        st.sampled_from(NASTY["text"]),
        st.sampled_from(ANY_NASTY),
        st.text(max_size=40),
        st.text(string.digits + "-/. :T", max_size=25),
    )


cells = hostile()

CONNECTIONS_HEADER = (
    "First Name",
    "Last Name",
    "URL",
    "Email Address",
    "Company",
    "Position",
    "Connected On",
)
PHANTOMBUSTER_HEADER = (
    "profileUrl",
    "firstName",
    "lastName",
    "fullName",
    "companyName",
    "title",
    "connectionDegree",
    "isPremium",
    "isOpenLink",
    "defaultProfileUrl",
    "sharedGroups",
)
GENERIC_HEADER = (
    "Person Linkedin Url",
    "Name",
    "Company",
    "Title",
    "Email",
    "Email Status",
    "Degree",
    "Tags",
    "Priority",
    "Status",
    "Notes",
)
HEADERS = {
    "connections": CONNECTIONS_HEADER,
    "phantombuster": PHANTOMBUSTER_HEADER,
    "generic": GENERIC_HEADER,
    "export": EXPORT_HEADER,
}
PREAMBLES = ("", 'Notes:\n"When exporting your connection data, you may notice..."\n\n')


URL_COLUMNS = frozenset(
    {"URL", "profileUrl", "defaultProfileUrl", "Person Linkedin Url", "LinkedIn URL"}
)
urls = st.builds(
    lambda slug: f"https://www.linkedin.com/in/{slug}",
    st.text(string.ascii_lowercase + string.digits + "-", min_size=1, max_size=20),
)


# Good cells for the columns read through a converter: most cells of a row are good, so that
# the hostile one among them is the one each converter gets to read.
_BOOLS = ("yes", "no", "TRUE", "false", "1")
_DATES = ("2024-01-02", "24 Aug 2023", "2026-01-15T10:00:00Z")
VALID = {
    "Connected On": _DATES,
    "Status On": _DATES,
    "connectionDegree": ("1st", "2nd", "3rd", "Out of Network"),
    "Degree": ("1st", "2nd", "3rd+", "OUT"),
    "isPremium": _BOOLS,
    "isOpenLink": _BOOLS,
    "Premium": _BOOLS,
    "Open Profile": _BOOLS,
    "Accepts InMail": _BOOLS,
    "Blocked": _BOOLS,
    "Shares Group": _BOOLS,
    "Applicant": _BOOLS,
    "Email Verified": _BOOLS,
    "Email Status": ("verified", "unknown", "yes"),
    "sharedGroups": ("2", "0", ""),
    "Priority": ("1", "3", "5"),
    "Status": ("new", "replied", "InMail sent", "Do not contact"),
    "Sources": ("connections", "export phantombuster"),
    "Extra": ('{"Location": "Köln"}', ""),
    "Email": ("ana@example.org", ""),
    "Email Address": ("ana@example.org", ""),
}


def good_cells(name: str) -> st.SearchStrategy[str]:
    if name in URL_COLUMNS:
        return urls
    if name in VALID:
        return st.sampled_from(VALID[name])
    return cells  # a text column takes any text


@st.composite
def rows_of(draw: st.DrawFn, header: list[str]) -> list[str]:
    """A row of good cells with one or two hostile ones; sometimes a row of any length."""
    if draw(st.integers(0, 5)) == 0:
        return draw(st.lists(cells, max_size=len(header) + 2))
    row = [draw(good_cells(name)) for name in header]
    parsed = [i for i, name in enumerate(header) if name in VALID or name in URL_COLUMNS]
    anywhere = st.integers(0, len(header) - 1)
    where = st.one_of(st.sampled_from(parsed), anywhere) if parsed else anywhere
    for index in draw(st.lists(where, min_size=1, max_size=2)):
        name = header[index]
        kind = (
            "url" if name in URL_COLUMNS else KINDS.get(name, "word" if name in VALID else "text")
        )
        row[index] = draw(hostile(kind))
    return row


@st.composite
def import_files(draw: st.DrawFn) -> tuple[bytes, str]:
    """A file in one of the layouts (or random bytes), as Excel or a script might save it: the
    profile URL mostly valid (so the other cells get parsed), every other cell hostile."""
    layout = draw(st.sampled_from(sorted(HEADERS)))
    if draw(st.integers(0, 9)) == 0:
        return draw(st.binary(max_size=600)), layout
    header = list(HEADERS[layout])
    if draw(st.integers(0, 5)) == 0:  # columns dropped, shuffled or added
        header = draw(st.permutations(header))[: draw(st.integers(1, len(header)))]
        extra = st.sampled_from(["Extra", "Notes:", "", "URL", "Tags"])
        header += draw(st.lists(extra, max_size=2))
    rows = draw(st.lists(rows_of(header), max_size=6))
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
    out = io.StringIO(newline="")
    out.write(draw(st.sampled_from(PREAMBLES)) if layout == "connections" else "")
    ending = draw(st.sampled_from(["\r\n", "\n", "\r"]))
    writer = csv.writer(out, delimiter=delimiter, lineterminator=ending)
    writer.writerow(header)
    writer.writerows(rows)
    text = out.getvalue()
    if draw(st.integers(0, 5)) == 0:  # a truncated file: cut anywhere, even inside a quote
        text = text[: draw(st.integers(0, len(text)))]
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16", "latin-1"]))
    return text.encode(encoding, "replace"), layout


@st.composite
def import_cases(draw: st.DrawFn) -> tuple[bytes, str]:
    """A file and the format asked for: auto, the file's own, or any (often a mismatch)."""
    data, layout = draw(import_files())
    fmt = draw(st.sampled_from(["auto", "auto", layout, layout, *FORMAT_NAMES]))
    return data, fmt


def read_all(data: bytes, fmt: str) -> list[ProspectRecord | RowError]:
    """Every item of an import, or [] when the file as a whole is refused with a sentence."""
    try:
        with open_import(data, fmt) as reader:
            items = list(reader)
    except DomainError as error:
        assert str(error) and "\n" not in str(error).strip()
        return []
    for item in items:
        assert isinstance(item, ProspectRecord | RowError)
    return items


FOUND: dict[str, int] = {}  # what the importer made of the examples, for --capture=no runs


@FUZZ
@given(import_cases())
def test_the_importer_reads_any_file_or_says_why(case: tuple[bytes, str]) -> None:
    data, fmt = case
    for item in read_all(data, fmt):
        kind = type(item).__name__
        FOUND[kind] = FOUND.get(kind, 0) + 1


# ---------------------------------------------------------------------------------------------
# Through the planner into SQLite: one transaction per import, row errors are rows


CONNECTED = people(5, seed=5)  # 1st degree
LEADS = people(5, seed=6, start=100)  # a lead list: sends cost credits
CLI_LEADS = phantombuster_csv(people(3, seed=7, start=200)).encode()


@pytest.fixture(scope="module")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with a pool and a few prospects, copied afresh for each example."""
    from inmail_tui.planner import Planner

    folder = tmp_path_factory.mktemp("fuzz-template")
    db = folder / "template.sqlite"
    planner = Planner.open(db, TODAY, Settings())
    planner.credits.set_plan("recruiter_lite", renewal_day=1, balance=20)
    connections = folder / "Connections.csv"
    connections.write_text(connections_csv(CONNECTED), "utf-8")
    leads = folder / "leads.csv"
    leads.write_text(phantombuster_csv(LEADS), "utf-8")
    planner.transfer.import_file(connections)
    planner.transfer.import_file(leads)
    planner.ctx.engine.dispose()
    return db


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz-scratch")


def fresh_copy(template: Path, folder: Path) -> Path:
    for old in folder.iterdir():
        if old.is_file():
            old.unlink()
        else:
            shutil.rmtree(old)
    db = folder / "inmail.sqlite"
    shutil.copyfile(template, db)
    return db


@SLOW_FUZZ
@given(case=import_cases(), dry_run=st.booleans())
def test_an_import_into_the_database_stores_or_says_why(
    template_db: Path, scratch: Path, case: tuple[bytes, str], dry_run: bool
) -> None:
    from inmail_tui.planner import Planner

    data, fmt = case
    db = fresh_copy(template_db, scratch)
    source = scratch / "leads.csv"
    source.write_bytes(data)
    planner = Planner.open(db, TODAY, Settings())
    before = planner.queue.total()
    try:
        result = planner.transfer.import_file(source, fmt, dry_run)
    except UserError as error:
        assert str(error)
        assert planner.queue.total() == before  # all or nothing
    else:
        expected = before if dry_run else before + result.added
        assert planner.queue.total() == expected
        planner.transfer.export_csv(scratch / "out.csv")
    finally:
        planner.ctx.engine.dispose()


# ---------------------------------------------------------------------------------------------
# The settings loader

SETTING_KEYS = ("theme", "connect_wait_days", "strong_fit", "plans", "lint", "keys", "other")
PLAN_KEYS = (
    "base",
    "seats",
    "allowance",
    "cap",
    "cap_months",
    "credit_back",
    "credit_back_days",
    "credit_back_on",
    "can_buy",
    "purchase_block",
    "expiry_days",
    "lot_expiry",
    "inmail_body_limit",
    "connect_note_limit",
    "renewal",
    "name",
    "price_per_credit",
    "unknown_key",
)
PLAN_IDS = ("sales_navigator_core", "recruiter_lite", "premium_career", "acme", "free", "")
LINT_KEYS = ("jargon", "hard_cta", "generic_subjects", "weak_send_days", "greetings", "nonsense")
scalars = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([0, -1, 1, 99999999999, 2**63, 2**63 - 1]),
    st.floats(allow_nan=True),
    st.booleans(),
    st.text(max_size=20),
    st.dates(),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, min_size=1, max_size=3)
        | st.dictionaries(st.text(max_size=8), inner, min_size=1, max_size=3)
    ),
    max_leaves=6,
)


@st.composite
def settings_documents(draw: st.DrawFn) -> str:
    import tomlkit

    doc: dict[str, object] = {}
    for key in draw(st.lists(st.sampled_from(SETTING_KEYS), unique=True, max_size=5)):
        if key == "plans" and draw(st.booleans()):
            doc[key] = {
                plan: {
                    k: draw(values) for k in draw(st.lists(st.sampled_from(PLAN_KEYS), max_size=4))
                }
                for plan in draw(st.lists(st.sampled_from(PLAN_IDS), unique=True, max_size=2))
            }
        elif key == "lint" and draw(st.booleans()):
            doc[key] = {
                k: draw(st.lists(st.text(max_size=12), max_size=3) | values)
                for k in draw(st.lists(st.sampled_from(LINT_KEYS), unique=True, max_size=3))
            }
        elif key == "keys" and draw(st.booleans()):
            doc[key] = draw(st.dictionaries(st.text(max_size=20), values, max_size=3))
        else:
            doc[key] = draw(values)
    try:
        return tomlkit.dumps(doc)
    except Exception:  # a value TOML cannot hold (NaN keys, nulls): write something else
        return draw(st.text(max_size=200))


@FUZZ
@given(st.one_of(settings_documents(), st.text(max_size=300), st.binary(max_size=200)))
@example(document="[plans.sales_navigator_core]\nbase = []\n")  # found: TypeError (unhashable)
def test_the_settings_loader_loads_any_file_or_names_the_problem(
    scratch: Path, document: str | bytes
) -> None:
    path = scratch / "settings.toml"
    if isinstance(document, bytes):
        path.write_bytes(document)
    else:
        path.write_text(document, "utf-8", errors="surrogatepass")
    try:
        loaded = load_settings(path)
        loaded.catalog()
        loaded.word_lists()
    except SettingsError as error:
        message = str(error)
        assert message.startswith(str(path))
        assert "Traceback" not in message


# ---------------------------------------------------------------------------------------------
# The drafting checks

LIMITS = Limits(
    subject=200, body=2000, body_warn=1900, body_advice=400, message_warn=3000, connect_note=300
)
DRAFT_PIECES = [*"{}[] \n\r\t!?.,'\"ab", "{{", "}}", "\u200d", "👍🏽", "e\u0301", "\x1b"]
draft_text = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(DRAFT_PIECES), max_size=200).map("".join),
    st.sampled_from(
        [
            "Hi {{first_name}}, I am reaching out. Let's hop on a quick call? synergy " * 30,
            "{{" * 500,
            "\x00\x1b[2J",
            "",
        ]
    ),
)


@FUZZ
@given(
    channel=st.sampled_from(Channel),
    body=draft_text,
    subject=draft_text,
    today=st.none() | st.dates(),
)
def test_the_drafting_checks_check_any_text(
    channel: Channel, body: str, subject: str, today: date | None
) -> None:
    words = Settings().word_lists()
    result = lint(channel, body, subject, limits=LIMITS, words=words, today=today)
    for finding in result.findings:
        text = subject if finding.field == "subject" else body
        assert 0 <= finding.start <= finding.end <= len(text), finding
        assert finding.message
    result.to_json()


# ---------------------------------------------------------------------------------------------
# The command line's arguments

COMMANDS = ("plan", "balance", "forecast", "adjust", "purchase", "cancel", "paths", "import",
            "export", "prospects", "cost", "outcome", "lint", "sent", "analytics", "keys",
            "backup", "restore")  # fmt: skip
PROSPECT_URLS = tuple(person.url for person in (*CONNECTED, *LEADS))
INTEGERS = (0, 1, -1, 2, 31, 32, 120, 121, 2**31, 2**63 - 1, 2**63, 10**20)
DATES = ("2026-01-15", "2026-02-01", "2025-12-31", "2062-11-02", "9999-12-31", "0001-01-01",
         "2026-02-30", "15/01/2026", "")  # fmt: skip
FILES = ("leads.csv", "out.csv", "backup.sqlite", "draft.txt", "missing.csv", "-", "",
         "Eve\x1b]0;t\x07.csv", ".", "settings.toml")  # fmt: skip
# Text for any other value: words the commands know, hostile text, and file names that stay in
# the scratch folder (the runner's working directory): no separators.
WORDS = ("main", "sales_navigator_core", "recruiter_lite", "premium_career", "acme", "replied",
         "no response", "InMail", "connection request", "auto", "export", "name", "priority",
         "OPEN", "2nd", "\x1b]0;t\x07", "\x9b2J", "=1+1", "x" * 300)  # fmt: skip
any_text = st.text(
    st.characters(exclude_characters="/\\\x00", exclude_categories=["Cs"]), max_size=12
)


def value_for(param: Any) -> st.SearchStrategy[str]:
    """A value for a click parameter: mostly of its kind (extremes included), sometimes not."""
    import click

    kind = param.type
    name = param.name or ""
    if isinstance(kind, click.IntRange | click.types.IntParamType):
        good = st.sampled_from(INTEGERS).map(str) | st.integers().map(str)
    elif kind.name == "YYYY-MM-DD":
        good = st.sampled_from(DATES)
    elif isinstance(kind, click.Choice):
        good = st.sampled_from([str(choice) for choice in kind.choices])
    elif hasattr(kind, "members"):  # NamedType: a status, outcome or channel
        good = st.sampled_from([member.label for member in kind.members])
    elif isinstance(kind, click.Path) or name in ("file", "body_file"):
        good = st.sampled_from(FILES)
    elif name == "profile_url":
        good = st.sampled_from(PROSPECT_URLS) | st.sampled_from(["linkedin.com/in/nobody", "x"])
    elif name == "plan_id":
        good = st.sampled_from(["sales_navigator_core", "recruiter_lite", "free", "nope"])
    else:
        good = st.sampled_from(WORDS)
    return st.one_of(good, good, good, any_text)


@st.composite
def command_lines(draw: st.DrawFn) -> list[str]:
    """A command with its own arguments and options, values of their kinds (extremes, hostile
    text, sometimes the wrong kind), and now and then a stray token."""
    import click

    from inmail_tui.cli import cli

    name = draw(st.sampled_from(COMMANDS))
    command = cli.get_command(click.Context(cli), name)
    assert command is not None
    head = ["--today", draw(st.sampled_from(DATES))] if draw(st.integers(0, 3)) == 0 else []
    args: list[str] = []
    for param in command.params:
        if isinstance(param, click.Argument):
            if param.required or draw(st.booleans()):
                args.append(draw(value_for(param)))
        elif isinstance(param, click.Option) and param.name != "help" and draw(st.booleans()):
            flag = draw(st.sampled_from(param.opts))
            args += [flag] if param.is_flag else [flag, draw(value_for(param))]
            if param.multiple and draw(st.booleans()):
                args += [flag, draw(value_for(param))]
    if draw(st.integers(0, 7)) == 0:
        args.insert(draw(st.integers(0, len(args))), draw(any_text | st.just("--")))
    return [*head, name, *args]


@SLOW_FUZZ
@given(argv=command_lines(), stdin=st.text(max_size=50))
def test_any_command_line_works_or_says_why(
    template_db: Path, scratch: Path, argv: list[str], stdin: str
) -> None:
    from inmail_tui.cli import cli

    db = fresh_copy(template_db, scratch)
    (scratch / "leads.csv").write_bytes(CLI_LEADS)
    (scratch / "draft.txt").write_text("Hi {{first_name}}, a question \x1b]0;t\x07", "utf-8")
    (scratch / "settings.toml").write_text("theme = 3\n", "utf-8")
    with contextlib.chdir(scratch):  # file names in the arguments land in the scratch folder
        result = CliRunner().invoke(cli, ["--db", str(db), *argv], input=stdin)
    crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
    assert not crashed, f"{argv!r}: {result.exception!r}\n{result.output}"
    assert result.exit_code in (0, 1, 2), (argv, result.exit_code, result.output)
    assert "Traceback" not in result.output


# ---------------------------------------------------------------------------------------------
# Found by these fuzzers (crashes of an import, fixed by issue 9 item 7): kept as they were found

CONNECTED_ON_PAST_ANY_YEAR = (
    b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    b"Ana,Lee,https://www.linkedin.com/in/ana,,,,1 Jan 20000000000000\r\n"
)
EXTRA_NESTED_TOO_DEEP = (
    ",".join(EXPORT_HEADER).encode()
    + b"\r\nhttps://www.linkedin.com/in/ana"
    + b"," * (EXPORT_HEADER.index("Extra") - 1)
    + b',"'
    + b"[" * 2000
    + b'"'
    + b"," * (len(EXPORT_HEADER) - EXPORT_HEADER.index("Extra") - 1)
    + b"\r\n"
)


def test_a_date_past_any_year_is_a_row_error() -> None:
    (item,) = read_all(CONNECTED_ON_PAST_ANY_YEAR, "auto")
    assert isinstance(item, RowError) and "Connected On" in item.message


def test_extra_nested_too_deep_is_a_row_error() -> None:
    (item,) = read_all(EXTRA_NESTED_TOO_DEEP, "export")
    assert isinstance(item, RowError) and "Extra" in item.message
