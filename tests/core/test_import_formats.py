"""Each import format: detection, the fields it fills, and the shared sample files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from inmail_tui.core.importing import (
    ImportFormat,
    ImportFormatError,
    RowError,
    open_import,
)
from inmail_tui.core.model import Degree, ProspectRecord

DATA = Path(__file__).resolve().parent.parent / "data"


def read(source: str | bytes | Path, format: str = "auto") -> tuple[ImportFormat, list[object]]:
    if isinstance(source, str):
        source = source.encode()
    with open_import(source, format) as reader:
        return reader.format, list(reader)


def records(items: list[object]) -> list[ProspectRecord]:
    assert not [item for item in items if isinstance(item, RowError)]
    return [item for item in items if isinstance(item, ProspectRecord)]


def test_connections_sample() -> None:
    found, items = read(DATA / "Connections.csv")
    assert found is ImportFormat.CONNECTIONS
    rows = records(items)
    assert len(rows) == 12
    assert {row.degree for row in rows} == {Degree.FIRST}
    assert {row.source for row in rows} == {"connections"}
    first = rows[0]
    assert first.url == "https://www.linkedin.com/in/mateus-costa-s00"
    assert first.line == 5  # Notes:, the note, a blank line, the header, then this row
    assert (first.first_name, first.last_name, first.full_name) == (
        "Mateus",
        "Costa",
        "Mateus Costa",
    )
    assert first.company == 'Umbrella "Bio" Labs'
    assert first.title == "Head of Talent Acquisition"
    assert first.email == "mateus-costa-s00@example.org"
    assert first.email_verified is True
    assert first.connected_on == date(2017, 4, 8)
    second = rows[1]
    assert second.url == "https://www.linkedin.com/in/chloé-sokolov-s01"
    assert second.email is None and second.email_verified is None
    assert rows[4].company == "Globex, Inc."
    assert [row.line for row in rows] == list(range(5, 17))


def test_phantombuster_sample() -> None:
    found, items = read(DATA / "salesnav-phantombuster.csv")
    assert found is ImportFormat.PHANTOMBUSTER
    rows = records(items)
    assert len(rows) == 12
    by_slug = {row.url.rsplit("/", 1)[1]: row for row in rows}
    lead = by_slug["sample-lead-00"]
    assert (
        lead.sales_nav_url == "https://www.linkedin.com/sales/lead/ACwAAB00000000,NAME_SEARCH,x1y2"
    )
    assert (lead.degree, lead.premium, lead.open_profile) == (Degree.SECOND, True, True)
    assert lead.full_name == "Priya Andersson"
    assert lead.company == "Initech"
    assert dict(lead.extra)["location"] == "Lisbon, Portugal"
    assert dict(lead.extra)["vmid"] == "ACwAAB00000000"
    assert "summary" not in dict(lead.extra)
    expected = {
        "sample-lead-01": (Degree.THIRD, False, False),
        "sample-lead-02": (Degree.OUT, False, False),
        "sample-lead-03": (Degree.SECOND, True, False),
        "sample-lead-06": (Degree.SECOND, True, True),
        "sample-lead-11": (Degree.OUT, False, False),
    }
    for slug, facts in expected.items():
        row = by_slug[slug]
        assert (row.degree, row.premium, row.open_profile) == facts, slug
    assert by_slug["sample-lead-01"].full_name == "Thảo Okafor"
    assert sum(row.open_profile is True for row in rows) == 2


PB_HEADER = (
    "profileUrl,fullName,connectionDegree,isPremium,isOpenLink,vmid,"
    "linkedInProfileUrl,defaultProfileUrl"
)


@pytest.mark.parametrize(
    ("yes", "no"), [("TRUE", "FALSE"), ("true", "false"), ("1", "0"), ("yes", "no"), ("Y", "N")]
)
def test_phantombuster_boolean_spellings(yes: str, no: str) -> None:
    text = f"{PB_HEADER}\nS,Ann,2nd,{yes},{no},V,,linkedin.com/in/ann\n"
    (row,) = records(read(text)[1])
    assert (row.premium, row.open_profile) == (True, False)


def test_phantombuster_identity_falls_back_to_the_member_id_url() -> None:
    text = (
        f"{PB_HEADER}\n"
        "S1,Ann,1st,FALSE,FALSE,ACwAAB1,https://www.linkedin.com/in/ACwAAB1/,\n"
        "S2,Bob,3rd,FALSE,FALSE,ACwAAB2,https://www.linkedin.com/in/ACwAAB2/,"
        "https://www.linkedin.com/sales/lead/ACwAAB2\n"
        "S3,Cy,3rd,FALSE,FALSE,ACwAAB3,,\n"
    )
    items = read(text)[1]
    assert isinstance(items[0], ProspectRecord)
    assert items[0].url == "https://www.linkedin.com/in/ACwAAB1"
    assert items[0].degree is Degree.FIRST
    assert isinstance(items[1], ProspectRecord)
    assert items[1].url == "https://www.linkedin.com/in/ACwAAB2"
    assert items[2] == RowError(4, "no profile URL in defaultProfileUrl or linkedInProfileUrl")


def test_phantombuster_bad_degree_is_a_row_error() -> None:
    text = f"{PB_HEADER}\nS,Ann,Fourth,TRUE,FALSE,V,,linkedin.com/in/ann\n"
    (error,) = read(text)[1]
    assert isinstance(error, RowError)
    assert error.line == 2
    assert error.message.startswith("connectionDegree: 'Fourth' is not a connection degree")


def test_generic_headers_are_matched_case_insensitively_by_synonym() -> None:
    text = (
        "PERSON LINKEDIN URL;full_name;Company Name;job title;Connection Degree;Is Open;"
        "premium;E-mail;Email Status;TAGS;Priority;Status;Notes;Location\n"
        "https://www.linkedin.com/in/ann-lee/;Ann Lee;Acme;CTO;2nd degree;Yes;yes;"
        "ann@acme.example;Verified;fintech, warm;5;InMail sent;met at SaaStr;Berlin\n"
    )
    found, items = read(text)
    assert found is ImportFormat.GENERIC
    (row,) = records(items)
    assert row.url == "https://www.linkedin.com/in/ann-lee"
    assert row.source == "generic"
    assert (row.full_name, row.company, row.title) == ("Ann Lee", "Acme", "CTO")
    assert (row.degree, row.open_profile, row.premium) == (Degree.SECOND, True, True)
    assert (row.email, row.email_verified) == ("ann@acme.example", True)
    assert row.user_tags == ("fintech", "warm")
    assert (row.priority, row.status, row.notes) == (5, "inmail_sent", "met at SaaStr")
    assert row.extra == (("Location", "Berlin"),)


@pytest.mark.parametrize(
    "header",
    ["LinkedIn URL", "Profile URL", "URL", "linkedin_url", "LinkedIn Profile", "Profile Link"],
)
def test_generic_url_synonyms(header: str) -> None:
    found, items = read(f"Name,{header}\nAnn,linkedin.com/in/ann\n")
    assert found is ImportFormat.GENERIC
    (row,) = records(items)
    assert (row.url, row.full_name) == ("https://www.linkedin.com/in/ann", "Ann")


def test_generic_first_and_last_name_make_the_full_name() -> None:
    (row,) = records(read("First Name,Last Name,URL\nAnn,Lee,linkedin.com/in/ann\n")[1])
    assert (row.first_name, row.last_name, row.full_name) == ("Ann", "Lee", "Ann Lee")


def test_generic_sales_navigator_url_in_the_profile_column_is_explained() -> None:
    text = "Name,Profile URL\nAnn,https://www.linkedin.com/sales/lead/ACwAAB1,NAME_SEARCH\n"
    (error,) = read(text)[1]
    assert isinstance(error, RowError)
    assert "Sales Navigator URL, not a profile URL" in error.message
    assert error.message.startswith("Profile URL: ")


@pytest.mark.parametrize(
    ("cell", "words"),
    [
        ("Degree,maybe", "Degree: 'maybe' is not a connection degree"),
        ("Priority,9", "Priority: '9' is not a priority"),
        ("Status,sleeping", "Status: 'sleeping' is not a status"),
        ("Open Profile,perhaps", "Open Profile: 'perhaps' is not yes/no"),
        ("Connected On,31 Feb 2024", "Connected On: '31 Feb 2024' is not a date"),
        ("Connected On,yesterday", "Connected On: 'yesterday' is not a date"),
    ],
)
def test_generic_bad_cells_are_row_errors_naming_the_column(cell: str, words: str) -> None:
    header, value = cell.split(",")
    text = f"URL,Name,{header}\nlinkedin.com/in/a,A,{value}\nlinkedin.com/in/b,B,\n"
    items = read(text)[1]
    assert isinstance(items[0], RowError)
    assert items[0].line == 2
    assert items[0].message.startswith(words)
    assert isinstance(items[1], ProspectRecord)  # reading goes on


def test_no_profile_url_column_lists_the_headers_found() -> None:
    with pytest.raises(ImportFormatError) as caught:
        read("Name,Company,Title\nAnn,Acme,CTO\n")
    message = str(caught.value)
    assert "No LinkedIn profile URL column" in message
    assert "'Name', 'Company', 'Title'" in message


def test_forced_format_that_does_not_fit_names_the_format() -> None:
    with pytest.raises(ImportFormatError, match="Connections export"):
        read("LinkedIn URL,Name\nlinkedin.com/in/a,A\n", "connections")


def test_forced_format_is_used_when_it_fits() -> None:
    text = (DATA / "salesnav-phantombuster.csv").read_bytes()
    found, items = read(text, "generic")
    assert found is ImportFormat.GENERIC
    rows = records(items)
    # the generic reader takes the first URL column it knows: linkedInProfileUrl
    assert rows[0].url == "https://www.linkedin.com/in/ACwAAB00000000"


def test_unknown_format_name() -> None:
    with pytest.raises(ImportFormatError, match="Unknown import format 'xlsx'"):
        read("URL\nlinkedin.com/in/a\n", "xlsx")


def test_connections_header_is_found_after_any_preamble() -> None:
    text = (
        "Notes:\n"
        '"Some notes, with a comma"\n'
        "another line\n"
        "\n"
        "\n"
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ann,Lee,https://www.linkedin.com/in/ann,,Acme,CTO,01 Feb 2024\n"
    )
    found, items = read(text)
    assert found is ImportFormat.CONNECTIONS
    (row,) = records(items)
    assert row.line == 7
    assert row.connected_on == date(2024, 2, 1)


def test_connections_without_a_preamble() -> None:
    text = (
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ann,Lee,https://www.linkedin.com/in/ann,,Acme,CTO,2024-02-01\n"
    )
    found, items = read(text)
    assert found is ImportFormat.CONNECTIONS
    assert records(items)[0].connected_on == date(2024, 2, 1)
