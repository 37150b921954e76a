"""The drawing helpers of the balance screen's widgets: bars always fit and add up."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from inmail_tui.tui.widgets.forecast import column, date_label
from inmail_tui.tui.widgets.gauge import bar

_EIGHTHS = {" ": 0, "▏": 1, "▎": 2, "▍": 3, "▌": 4, "▋": 5, "▊": 6, "▉": 7, "█": 8}
_LOWER = {" ": 0, "▁": 1, "▂": 2, "▃": 3, "▄": 4, "▅": 5, "▆": 6, "▇": 7, "█": 8}


@given(st.integers(-50, 500), st.integers(0, 400), st.integers(0, 120))
def test_the_gauge_fills_its_width_in_proportion(value: int, total: int, width: int) -> None:
    filled, empty = bar(value, total, width)
    assert len(filled) + len(empty) == width
    eighths = sum(_EIGHTHS[c] for c in filled)
    share = min(max(value / total, 0), 1) if total else 0
    assert abs(eighths - share * width * 8) <= 0.5


def test_the_gauge_at_its_ends() -> None:
    assert bar(0, 150, 10) == ("", " " * 10)
    assert bar(150, 150, 10) == ("█" * 10, "")
    assert bar(75, 150, 3) == ("█▌", " ")


@given(st.integers(0, 600), st.integers(0, 200), st.integers(1, 12))
def test_a_forecast_column_stacks_lost_on_kept(kept: int, lost: int, height: int) -> None:
    scale = max(kept + lost, 1)
    cells = column(kept, lost, scale, height)
    assert len(cells) == height
    kinds = [fg for _, fg, _ in reversed(cells) if fg is not None]  # bottom up
    assert kinds == sorted(kinds, key=lambda k: k == "lost")  # kept below, lost above
    kept_eighths = sum(_LOWER[b] for b, fg, _ in cells if fg == "kept")
    assert kept_eighths == round(kept / scale * height * 8)


def test_a_full_column_with_a_forfeit() -> None:
    # 150 kept and 50 lost on a 200 scale, 4 rows: 3 rows kept, the top row lost.
    assert column(150, 50, 200, 4) == [
        ("█", "lost", None),
        ("█", "kept", None),
        ("█", "kept", None),
        ("█", "kept", None),
    ]
    # 140 of 200 on 2 rows is 11.2 eighths: the top row is 3/8 kept, the lost part behind it.
    assert column(140, 60, 200, 2) == [("▃", "kept", "lost"), ("█", "kept", None)]


def test_forecast_dates_never_run_into_each_other() -> None:
    assert date_label(date(2026, 2, 1), 6) == "1 Feb"
    assert date_label(date(2026, 2, 10), 6) == "Feb"  # "10 Feb" would touch the next one
    assert date_label(date(2026, 2, 10), 7) == "10 Feb"


def test_every_ledger_event_kind_has_a_label() -> None:
    """A new kind of ledger entry cannot reach the ledger table without words for it."""
    from inmail_tui.core.model import EventKind
    from inmail_tui.tui.widgets.ledger_table import KIND_LABELS

    assert set(KIND_LABELS) == set(EventKind)
