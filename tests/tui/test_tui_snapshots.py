"""How the screens look, at 120x40 and 80x24 (fixed today, temp database and settings)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

SIZES = [(120, 40), (80, 24)]
IDS = ["120x40", "80x24"]
Compare = Callable[..., bool]


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_onboarding(snap_compare: Compare, make_app: Any, ui: Any, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=ui.settle)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_onboarding_with_errors(
    snap_compare: Compare, make_app: Any, ui: Any, size: tuple[int, int]
) -> None:
    async def bad_day(pilot: Pilot[None]) -> None:
        await ui.settle(pilot)
        await pilot.press("down", "down", "enter", "4", "5", "ctrl+s")

    assert snap_compare(make_app(), terminal_size=size, run_before=bad_day)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_balance(
    snap_compare: Compare, make_app: Any, ui: Any, sales_navigator: Path, size: tuple[int, int]
) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=ui.settle)


def test_reconcile_dialog(
    snap_compare: Compare, make_app: Any, ui: Any, sales_navigator: Path
) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), press=["a"], run_before=ui.settle)


def test_purchase_confirmation(
    snap_compare: Compare, make_app: Any, ui: Any, recruiter_lite: Path
) -> None:
    async def two_blocks(pilot: Pilot[None]) -> None:
        await ui.settle(pilot)
        await pilot.press("p", "backspace", "2", "enter")

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=two_blocks)


def test_help(snap_compare: Compare, make_app: Any, ui: Any, sales_navigator: Path) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 40), press=["f1"], run_before=ui.settle)
