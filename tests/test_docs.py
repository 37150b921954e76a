"""docs/rules.md stays in step with the data and the code, and the repository stands on its own.

The rules page is the product's reference for its plans, send-cost rules, ledger policies,
pipeline and drafting checks; these tests fail when a rule, plan number, default, check id or
transition changes in the code without the page, and when any file points outside the repository.
"""

from __future__ import annotations

import re
import subprocess
import tomllib
from pathlib import Path
from typing import Any

import pytest

from inmail_tui.core import lint_checks
from inmail_tui.core.model import Status
from inmail_tui.core.pipeline import TRANSITIONS
from inmail_tui.core.plans import default_catalog_data, load_catalog
from inmail_tui.core.rules_table import RULES

ROOT = Path(__file__).resolve().parents[1]
RULES_DOC = ROOT / "docs" / "rules.md"

# Built from pieces so that this file does not match itself.
_OUTSIDE = re.compile(
    r"\b(?:DOMAIN|DESIGN|STYLE)" + r"\.md\b" + r"|(?:\.\./)+shared\b|/work/" + r"shared\b"
)


def _repository_files() -> list[str]:
    """Tracked files and new files not ignored (so a file not yet committed is checked too)."""
    try:
        out = subprocess.run(
            ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    return [name for name in out.splitlines() if (ROOT / name).is_file()]


def test_no_file_points_outside_the_repository() -> None:
    found = []
    for name in _repository_files():
        text = (ROOT / name).read_bytes().decode("utf-8", errors="ignore")
        for number, line in enumerate(text.splitlines(), 1):
            if _OUTSIDE.search(line):
                found.append(f"{name}:{number}: {line.strip()}")
    assert not found, "cite docs/rules.md instead:\n" + "\n".join(found)


# --- docs/rules.md against the code ---------------------------------------------------------


def _doc() -> str:
    return RULES_DOC.read_text("utf-8")


def _section(title: str) -> str:
    """The text under ``## title`` up to the next ``## `` heading."""
    parts = re.split(r"^## ", _doc(), flags=re.MULTILINE)
    for part in parts[1:]:
        heading, _, body = part.partition("\n")
        if heading.strip() == title:
            return body
    raise AssertionError(f"docs/rules.md has no section {title!r}")


def _rows(text: str) -> list[list[str]]:
    """The cells of every table row in ``text`` (header and divider rows included)."""
    return [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in text.splitlines()
        if line.startswith("|")
    ]


def _ticked(cell: str) -> list[str]:
    return re.findall(r"`([^`]+)`", cell)


@pytest.mark.parametrize("channel", list(RULES), ids=lambda channel: channel.value)
def test_every_rule_is_documented_in_order(channel: Any) -> None:
    ids = [rule.id for rule in RULES[channel]]
    prefix = ids[0][0]
    documented = [
        row[0] for row in _rows(_doc()) if re.fullmatch(rf"{prefix}\d+", row[0] or "") is not None
    ]
    assert documented == ids


@pytest.mark.parametrize("channel", list(RULES), ids=lambda channel: channel.value)
def test_every_rule_range_names_the_first_and_the_last_rule(channel: Any) -> None:
    """A range such as "R0-R16" (a section's heading and anchor, the table of contents, the
    channel table) spans the channel's rule ids: a rule added later widens it everywhere."""
    ids = [rule.id for rule in RULES[channel]]
    prefix = ids[0][0]
    numbers = sorted(int(rule_id[1:]) for rule_id in ids)
    wanted = f"{prefix}{numbers[0]}-{prefix}{numbers[-1]}"
    written = set(re.findall(rf"\b{prefix}0-{prefix}\d+\b", _doc(), flags=re.IGNORECASE))
    assert written == {wanted, wanted.lower()}


def test_every_plan_row_matches_the_catalog() -> None:
    catalog = load_catalog()
    rows = {
        _ticked(row[0])[0]: row
        for row in _rows(_section("Plans"))
        if len(row) > 3 and _ticked(row[0]) and _ticked(row[0])[0] in catalog
    }
    assert set(rows) == set(catalog.ids())
    for plan in catalog:
        row = rows[plan.id]
        assert row[1] == plan.name, plan.id
        assert re.match(rf"{plan.monthly_credits}\b", row[2]), (plan.id, row[2])
        assert re.match(rf"{plan.cap}\b", row[3]), (plan.id, row[3])
        if plan.cap:
            assert f"({plan.cap_months} months)" in row[3], (plan.id, row[3])


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        return f"`{value}`"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def test_every_default_is_documented_with_its_value() -> None:
    defaults: dict[str, Any] = default_catalog_data()["defaults"]
    table = _section("Plans").partition("Settings every plan shares")[2]
    documented: dict[str, str] = {}
    for row in _rows(table):
        keys = _ticked(row[0])
        values = [value.strip() for value in row[1].split(",")]
        if keys and len(keys) == len(values):
            documented |= dict(zip(keys, values, strict=True))
    assert documented == {key: _shown(value) for key, value in defaults.items()}


def test_the_defaults_table_is_the_shipped_file() -> None:
    shipped = (ROOT / "inmail_tui" / "core" / "data" / "plans.toml").read_text("utf-8")
    assert tomllib.loads(shipped) == default_catalog_data()


def test_every_drafting_check_is_documented() -> None:
    check_ids = {
        value
        for name, value in vars(lint_checks).items()
        if name.isupper() and isinstance(value, str) and re.fullmatch(r"[a-z]+(?:-[a-z]+)*", value)
    }
    assert len(check_ids) >= 10
    documented = {
        _ticked(row[0])[0] for row in _rows(_section("Drafting checks")) if _ticked(row[0])
    }
    assert documented == check_ids


def test_the_transition_table_is_the_code() -> None:
    rows = _rows(_section("The pipeline"))
    statuses = {_ticked(row[0])[0] for row in rows if _ticked(row[0]) and not _ticked(row[1])}
    assert statuses == {status.value for status in Status}
    documented = {
        _ticked(row[0])[0]: set(_ticked(row[1]))
        for row in rows
        if _ticked(row[0]) and _ticked(row[1])
    }
    assert documented == {
        status.value: {to.value for to in allowed} for status, allowed in TRANSITIONS.items()
    }


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def _headings() -> set[str]:
    return {line.lstrip("#").strip() for line in _doc().splitlines() if line.startswith("#")}


def test_every_link_inside_the_page_has_its_heading() -> None:
    anchors = {_slug(heading) for heading in _headings()}
    links = set(re.findall(r"\]\(#([^)]+)\)", _doc()))
    assert links
    assert links <= anchors, links - anchors


def test_every_source_cited_is_listed_and_every_listed_source_cited() -> None:
    listed = set(re.findall(r"^\| \*\*(Help \w+|Guide)\*\* \|", _doc(), flags=re.MULTILINE))
    rest = _doc().replace(_section("Sources"), "")
    cited = set(re.findall(r"\bHelp a?\d+\b", rest)) | set(re.findall(r"\bGuide\b", rest))
    assert cited == listed


def test_every_section_the_code_names_exists() -> None:
    """A docstring or comment citing docs/rules.md and a quoted title names a real heading."""
    pattern = re.compile(r'docs/rules\.md,\s*(?:#\s*)?"([^"]+)"')
    headings = _headings()
    missing = []
    for name in _repository_files():
        if not name.endswith((".py", ".toml", ".md")):
            continue
        text = (ROOT / name).read_text("utf-8", errors="ignore")
        # A title may wrap onto a comment line: join wrapped lines before matching.
        flat = re.sub(r"\s*\n\s*#?\s*", " ", text)
        missing += [f"{name}: {title}" for title in pattern.findall(flat) if title not in headings]
    assert not missing, missing


def test_the_spend_plan_settings_are_documented_with_their_defaults_and_bounds() -> None:
    """docs/planning.md's Settings table: each key's default is ``Settings``' own, and a range
    it names ("(1-99)") is the one ``settings.BOUNDS`` holds."""
    from inmail_tui.settings import BOUNDS, Settings

    text = (ROOT / "docs" / "planning.md").read_text("utf-8")
    table = text.partition("\n## Settings\n")[2].partition("\n## ")[0]
    documented = {}
    for row in _rows(table):
        keys = _ticked(row[0])
        if len(keys) != 1 or not hasattr(Settings, keys[0]):
            continue
        key = keys[0]
        documented[key] = row[1]
        assert row[1] == str(getattr(Settings(), key)), key
        for low, high in re.findall(r"\((\d+)-(\d+)\)", row[2]):
            assert BOUNDS[key] == (int(low), int(high)), key
    assert set(documented) == {
        "reserve",
        "min_fit",
        "strong_fit",
        "connect_wait_days",
        "reply_prior_percent",
        "prior_weight",
        "withdraw_after_days",
        "credit_back_within_days",
    }
