"""Cell values: reading booleans, degrees, dates, priorities, statuses and tags from import files,
and writing them back in the one spelling the export uses (which these readers accept).

Every reader takes a non-empty cell and returns the value or raises ``ValueError`` with a short
reason; an empty cell never reaches them (it means "this file does not say").
"""

from __future__ import annotations

import json
from datetime import date

from inmail_tui.core.calendar import FIRST_DAY, LAST_DAY
from inmail_tui.core.model import Degree, Status, word_key

_BOOLS = {
    "true": True,
    "false": False,
    "yes": True,
    "no": False,
    "y": True,
    "n": False,
    "1": True,
    "0": False,
}
_BOOLS.update({key.upper(): value for key, value in _BOOLS.items()})  # TRUE, FALSE: the usual

_DEGREES: dict[str, Degree] = {
    "1": Degree.FIRST,
    "1st": Degree.FIRST,
    "first": Degree.FIRST,
    "distance_1": Degree.FIRST,
    "2": Degree.SECOND,
    "2nd": Degree.SECOND,
    "second": Degree.SECOND,
    "distance_2": Degree.SECOND,
    "3": Degree.THIRD,
    "3rd": Degree.THIRD,
    "3rd+": Degree.THIRD,
    "third": Degree.THIRD,
    "distance_3": Degree.THIRD,
    "4": Degree.OUT,
    "out": Degree.OUT,
    "out of network": Degree.OUT,
    "out_of_network": Degree.OUT,
    "outofnetwork": Degree.OUT,
    "unknown": Degree.UNKNOWN,  # the export's word for a degree no source said
}
_DEGREES_AS_WRITTEN = {"Out of Network": Degree.OUT, "OUT": Degree.OUT, **_DEGREES}

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}

_OLD_STATUS_WORDS = {word_key("connect_requested"): Status.CONNECT_REQUESTED}


def shorten(text: str, limit: int = 60) -> str:
    """``text`` quoted for an error message, cut to ``limit`` characters."""
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def parse_bool(cell: str) -> bool:
    value = _BOOLS.get(cell)
    if value is None:
        value = _BOOLS.get(cell.strip().lower())
    if value is None:
        raise ValueError(f"{shorten(cell)} is not yes/no (TRUE, FALSE, yes, no, 1 or 0)")
    return value


def parse_degree(cell: str) -> Degree:
    exact = _DEGREES_AS_WRITTEN.get(cell)
    if exact is not None:
        return exact
    key = cell.strip().lower()
    value = _DEGREES.get(key) or _DEGREES.get(key.removesuffix("degree").strip())
    if value is None:
        raise ValueError(
            f"{shorten(cell)} is not a connection degree (1st, 2nd, 3rd, Out of Network or unknown)"
        )
    return value


def parse_date(cell: str) -> date:
    """``24 Aug 2023`` (LinkedIn's export), ``2023-08-24`` or an ISO timestamp's date, between
    ``FIRST_DAY`` and ``LAST_DAY`` (the dates inmail-tui plans with)."""
    text = cell.strip()
    try:
        if len(text) >= 10 and text[4] == "-":
            found = date.fromisoformat(text[:10])
        else:
            day, month, year = text.split()
            found = date(int(year), _MONTHS[month.lower().rstrip(".")], int(day))
    except (ValueError, KeyError, OverflowError):  # OverflowError: a year past C's int
        raise ValueError(f"{shorten(cell)} is not a date like 24 Aug 2023 or 2023-08-24") from None
    if not FIRST_DAY <= found <= LAST_DAY:
        raise ValueError(f"{shorten(cell)} is not a date between {FIRST_DAY} and {LAST_DAY}")
    return found


def parse_priority(cell: str) -> int:
    text = cell.strip()
    if text not in ("1", "2", "3", "4", "5"):
        raise ValueError(f"{shorten(cell)} is not a priority (a whole number from 1 to 5)")
    return int(text)


def parse_status(cell: str) -> str:
    """A pipeline status's stored value, from its value (``inmail_sent``) or its label
    (``InMail sent``), as ``Status.parse`` reads them."""
    try:
        return Status.parse(cell).value
    except ValueError:
        old = _OLD_STATUS_WORDS.get(word_key(cell))
        if old is None:
            known = ", ".join(Status.labels())
            raise ValueError(f"{shorten(cell)} is not a status (one of {known})") from None
        return old.value


def parse_tags(cell: str) -> tuple[str, ...]:
    """User tags separated by spaces, commas or semicolons; duplicates dropped, order kept."""
    return tuple(dict.fromkeys(cell.replace(",", " ").replace(";", " ").split()))


def parse_email_status(cell: str) -> bool:
    """A lead list's email status: ``verified``/``valid`` or a yes/no cell."""
    key = cell.strip().lower()
    if key in ("verified", "valid", "deliverable"):
        return True
    if key in ("unverified", "invalid", "guessed", "unknown", "risky", "catch-all"):
        return False
    return parse_bool(cell)


def parse_extra(cell: str) -> tuple[tuple[str, str], ...]:
    """The export's ``Extra`` column: a JSON object of text values."""
    try:
        data = json.loads(cell)
    except (ValueError, RecursionError):  # RecursionError: nested past Python's stack
        raise ValueError("is not a JSON object of text values") from None
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise ValueError("is not a JSON object of text values")
    return tuple(data.items())


def parse_sources(cell: str) -> tuple[str, ...]:
    return tuple(cell.split())


# A spreadsheet runs a cell that starts with one of these as a formula (``=HYPERLINK(...)``,
# ``+cmd|...``, ``@SUM(...)``); tab and CR start one too after Excel trims them.
FORMULA_STARTS = frozenset("=+-@\t\r")
GUARD = "'"  # the leading apostrophe spreadsheet users write to keep a cell as text
_GUARDED_NEXT = FORMULA_STARTS | {GUARD}


def guard_cell(cell: str) -> str:
    """``cell`` as the export writes it: a leading apostrophe before a cell that a spreadsheet
    would run as a formula, and before a cell that already starts with an apostrophe (so that
    :func:`unguard_cell` gives every cell back exactly)."""
    if cell[:1] in _GUARDED_NEXT:
        return GUARD + cell
    return cell


def unguard_cell(cell: str) -> str:
    """A cell of an inmail-tui export as it was before :func:`guard_cell`: one leading
    apostrophe is dropped when a formula start or another apostrophe follows it. An apostrophe
    before anything else was not ours, and stays."""
    if cell[:1] == GUARD and cell[1:2] in _GUARDED_NEXT:
        return cell[1:]
    return cell


def format_bool(value: bool) -> str:
    return "yes" if value else "no"


def format_date(value: date | None) -> str:
    return "" if value is None else value.isoformat()


def format_extra(extra: tuple[tuple[str, str], ...]) -> str:
    return json.dumps(dict(extra), ensure_ascii=False) if extra else ""
