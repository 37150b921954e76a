"""Cell values of import files: booleans, degrees, dates, priorities, statuses, tags."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inmail_tui.core.calendar import FIRST_DAY, LAST_DAY
from inmail_tui.core.importing.values import (
    format_bool,
    format_date,
    format_extra,
    parse_bool,
    parse_date,
    parse_degree,
    parse_email_status,
    parse_extra,
    parse_priority,
    parse_status,
    parse_tags,
)
from inmail_tui.core.model import Degree, Status


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("TRUE", True),
        ("FALSE", False),
        ("true", True),
        ("False", False),
        ("1", True),
        ("0", False),
        ("yes", True),
        ("No", False),
        (" y ", True),
        ("n", False),
    ],
)
def test_booleans(cell: str, value: bool) -> None:
    assert parse_bool(cell) is value


@pytest.mark.parametrize("cell", ["maybe", "2", "ja", "-"])
def test_not_booleans(cell: str) -> None:
    with pytest.raises(ValueError, match="is not yes/no"):
        parse_bool(cell)


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("1st", Degree.FIRST),
        ("2nd", Degree.SECOND),
        ("3rd", Degree.THIRD),
        ("3rd+", Degree.THIRD),
        ("Out of Network", Degree.OUT),
        ("OUT", Degree.OUT),
        ("OUT_OF_NETWORK", Degree.OUT),
        ("DISTANCE_2", Degree.SECOND),
        ("2nd degree", Degree.SECOND),
        (" 1 ", Degree.FIRST),
        ("4", Degree.OUT),
    ],
)
def test_degrees(cell: str, value: Degree) -> None:
    assert parse_degree(cell) is value


@pytest.mark.parametrize("degree", list(Degree))
def test_degree_tags_read_back(degree: Degree) -> None:
    assert parse_degree(degree.tag) is degree


@pytest.mark.parametrize("cell", ["0", "5th", "near", ""])
def test_not_degrees(cell: str) -> None:
    with pytest.raises(ValueError, match="is not a connection degree"):
        parse_degree(cell)


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("24 Aug 2023", date(2023, 8, 24)),
        ("01 Feb 2024", date(2024, 2, 1)),
        ("1 Sept 2020", date(2020, 9, 1)),
        ("7 december 2019", date(2019, 12, 7)),
        ("2023-08-24", date(2023, 8, 24)),
        ("2026-10-01T09:00:00.000Z", date(2026, 10, 1)),
    ],
)
def test_dates(cell: str, value: date) -> None:
    assert parse_date(cell) == value


@pytest.mark.parametrize("cell", ["31 Feb 2024", "24/08/2023", "Aug 2023", "24 Agosto 2023", "x"])
def test_not_dates(cell: str) -> None:
    with pytest.raises(ValueError, match="is not a date"):
        parse_date(cell)


@given(st.dates(FIRST_DAY, LAST_DAY))
def test_dates_written_by_the_export_read_back(day: date) -> None:
    assert parse_date(format_date(day)) == day


@pytest.mark.parametrize(
    "cell", ["1899-12-31", "3000-01-01", "9999-12-31", "1 Jan 20000000000000", "1 Jan 1" + "9" * 30]
)
def test_dates_out_of_range_or_of_any_calendar_are_refused(cell: str) -> None:
    with pytest.raises(ValueError, match="is not a date"):
        parse_date(cell)


def test_priorities() -> None:
    assert [parse_priority(str(n)) for n in range(1, 6)] == [1, 2, 3, 4, 5]
    for cell in ("0", "6", "high", "2.5"):
        with pytest.raises(ValueError, match="is not a priority"):
            parse_priority(cell)


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("InMail sent", Status.INMAIL_SENT),
        ("inmail_sent", Status.INMAIL_SENT),
        ("Connection requested", Status.CONNECT_REQUESTED),
        ("do-not-contact", Status.DO_NOT_CONTACT),
        ("No response", Status.NO_RESPONSE),
        ("NEW", Status.NEW),
    ],
)
def test_statuses(cell: str, value: Status) -> None:
    assert parse_status(cell) == value.value


def test_every_status_reads_back() -> None:
    assert [parse_status(status.value) for status in Status] == [s.value for s in Status]
    with pytest.raises(ValueError, match="is not a status"):
        parse_status("ghosted")


def test_tags_split_on_spaces_commas_and_semicolons() -> None:
    assert parse_tags("fintech, warm;event-2026  warm") == ("fintech", "warm", "event-2026")


def test_email_status() -> None:
    assert parse_email_status("Verified") is True
    assert parse_email_status("guessed") is False
    assert parse_email_status("TRUE") is True
    with pytest.raises(ValueError):
        parse_email_status("pending review")


def test_booleans_written_by_the_export_read_back() -> None:
    assert parse_bool(format_bool(True)) is True
    assert parse_bool(format_bool(False)) is False


@given(st.lists(st.tuples(st.text(), st.text()), unique_by=lambda pair: pair[0], min_size=1))
def test_extra_round_trips(pairs: list[tuple[str, str]]) -> None:
    extra = tuple(pairs)
    assert parse_extra(format_extra(extra)) == extra


@pytest.mark.parametrize("cell", ["not json", "[1, 2]", '{"a": 1}'])
def test_extra_that_is_not_an_object_of_text(cell: str) -> None:
    with pytest.raises(ValueError, match="JSON object"):
        parse_extra(cell)
