"""The synthetic import files: deterministic, hostile, and read back exactly."""

from __future__ import annotations

import pytest

from inmail_tui.core.importing import ImportFormat, RowError, open_import
from inmail_tui.core.importing.synthetic import (
    HOSTILE,
    SyntheticPerson,
    connections_csv,
    generic_csv,
    people,
    phantombuster_csv,
)
from inmail_tui.core.model import Degree, ProspectRecord

PERSONS = people(600, seed=11)


def read_text(text: str, *, bom: bool = False) -> tuple[ImportFormat, list[ProspectRecord]]:
    data = ("\ufeff" if bom else "") + text
    with open_import(data.encode()) as reader:
        items = list(reader)
        assert reader.duplicates == 0
        errors = [item for item in items if isinstance(item, RowError)]
        assert errors == []
        return reader.format, [item for item in items if isinstance(item, ProspectRecord)]


def test_people_are_deterministic_for_a_seed() -> None:
    assert people(50, seed=3) == people(50, seed=3)
    assert people(50, seed=3) != people(50, seed=4)
    assert connections_csv(people(50, seed=3)) == connections_csv(people(50, seed=3))


def test_people_are_unique_and_include_every_hostile_kind() -> None:
    assert len({p.url for p in PERSONS}) == len(PERSONS)
    hostile_first_names = {first for first, *_ in HOSTILE}
    assert hostile_first_names <= {p.first_name for p in PERSONS}
    assert any("\x1b" in p.full_name for p in PERSONS)
    assert any(p.full_name.startswith("[bold red]Mallory[/bold red]") for p in PERSONS)
    assert any(len(p.title) > 2000 for p in PERSONS)
    assert any(p.url_as_written != p.url for p in PERSONS)


def test_numbered_ranges_do_not_collide() -> None:
    first = people(100, seed=1)
    second = people(100, seed=2, start=100)
    assert not {p.url for p in first} & {p.url for p in second}


def check_person(row: ProspectRecord, person: SyntheticPerson) -> None:
    assert row.url == person.url
    assert row.first_name == person.first_name
    assert row.last_name == person.last_name
    assert row.company == person.company  # "  padded  " stays padded
    assert row.title == person.title


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
@pytest.mark.parametrize("end", ["\n", "\r\n"])
def test_connections_file_reads_back_exactly(delimiter: str, end: str) -> None:
    found, rows = read_text(connections_csv(PERSONS, delimiter=delimiter, end=end), bom=True)
    assert found is ImportFormat.CONNECTIONS
    assert len(rows) == len(PERSONS)
    for row, person in zip(rows, PERSONS, strict=True):
        check_person(row, person)
        assert row.degree is Degree.FIRST
        assert row.connected_on == person.connected_on
        assert row.email == (person.email or None)
        assert row.email_verified is (True if person.email else None)


@pytest.mark.parametrize("end", ["\n", "\r\n"])
def test_phantombuster_file_reads_back_exactly(end: str) -> None:
    found, rows = read_text(phantombuster_csv(PERSONS, end=end))
    assert found is ImportFormat.PHANTOMBUSTER
    assert len(rows) == len(PERSONS)
    for row, person in zip(rows, PERSONS, strict=True):
        check_person(row, person)
        assert row.full_name == person.full_name
        assert (row.degree, row.premium, row.open_profile) == (
            person.degree,
            person.premium,
            person.open_profile,
        )
        assert row.sales_nav_url is not None and row.sales_nav_url.startswith(
            "https://www.linkedin.com/sales/lead/"
        )


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_generic_file_reads_back_exactly(delimiter: str) -> None:
    found, rows = read_text(generic_csv(PERSONS, delimiter=delimiter))
    assert found is ImportFormat.GENERIC
    assert len(rows) == len(PERSONS)
    for row, person in zip(rows, PERSONS, strict=True):
        check_person(row, person)
        assert (row.degree, row.premium, row.open_profile) == (
            person.degree,
            person.premium,
            person.open_profile,
        )
        assert row.priority == person.priority
        assert row.user_tags == person.tags
        assert row.notes == (person.notes or None)
        assert dict(row.extra) == {"Location": "Berlin, Germany"}


def test_hostile_text_is_kept_byte_for_byte() -> None:
    _, rows = read_text(generic_csv(PERSONS))
    kept = {(row.full_name, row.company, row.title, row.notes) for row in rows}
    for first, last, company, title, notes in HOSTILE:
        assert (f"{first} {last}", company, title, notes) in kept
