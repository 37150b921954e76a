"""The three prospects the planning commands' tests start from (spend-plan and agenda)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import Result


def ana_bo_cy(run: Callable[..., Result], tmp_path: Path) -> None:
    """A Sales Navigator pool of 140 credits; Ana (fit 5, a hostile name) requested on 5 Jan,
    Bo (fit 5, 2nd degree) and Cy (1st degree) new."""
    people = tmp_path / "people.csv"
    people.write_text(
        "LinkedIn URL,Full Name,Degree,Priority\n"
        "https://www.linkedin.com/in/ana,Ana \x1b[31mRed,2nd,5\n"
        "https://www.linkedin.com/in/bo,Bo,2nd,5\n"
        "https://www.linkedin.com/in/cy,Cy,1st,5\n",
        "utf-8",
    )
    assert (
        run("plan", "sales_navigator_core", "--balance", "140", today="2026-01-01").exit_code == 0
    )
    assert run("import", str(people), today="2026-01-01").exit_code == 0
    marked = run("mark", "requested", "linkedin.com/in/ana", today="2026-01-05")
    assert marked.exit_code == 0, marked.output
