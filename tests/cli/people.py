"""The three prospects the planning commands' tests start from (spend-plan and agenda), and
README's tables of their ``--json`` keys."""

from __future__ import annotations

import re
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


def readme_key_table(after: str) -> list[tuple[list[str], set[str]]]:
    """README's table of ``--json`` keys that follows the sentence ``after``: per row, the keys
    it names and the backquoted words of its description."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text("utf-8")
    lines = readme.partition(after)[2].strip().splitlines()
    end = next((n for n, line in enumerate(lines) if not line.startswith("|")), len(lines))
    rows = [line.split("|")[1:3] for line in lines[2:end]]  # after the header and the divider
    return [
        (re.findall(r"`([^`]+)`", key), set(re.findall(r"`([^`]+)`", what))) for key, what in rows
    ]
