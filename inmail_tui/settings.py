"""The user's settings file: plan overrides, custom plans, word lists, keys, theme, strategy.

Read with stdlib ``tomllib``; written with ``tomlkit`` so the user's comments survive. A bad file
raises :class:`SettingsError` naming the key and the line, never a traceback.

Example ``settings.toml``::

    theme = "nord"
    connect_wait_days = 7
    strong_fit = 4
    reserve = 10                  # the spend plan never spends these
    seat = "ana"                  # your seat on a team pool (`--seat NAME` for one command)

    [plans.sales_navigator_core]
    credit_back = true            # follow LinkedIn's Help page instead of the brief

    [plans.acme_recruiter]        # a custom plan: a Recruiter contract with 7 seats
    base = "recruiter_corporate"
    seats = 7

    [lint]
    jargon = ["paradigm shift"]   # added to the shipped list

    [keys]
    "queue.priority_up" = "plus"
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from inmail_tui.core.lint import WordLists
    from inmail_tui.core.plans import Catalog


class SettingsError(ValueError):
    """The settings file cannot be used; the message names the file, key and line."""


@dataclass(frozen=True)
class Settings:
    path: Path | None = None
    theme: str = "textual-dark"
    connect_wait_days: int = 7
    strong_fit: int = 4
    # The spend plan (docs/planning.md):
    reserve: int = 0  # credits the plan never spends
    min_fit: int = 3  # the least priority (fit) worth a credit at all
    reply_prior_percent: int = 15  # expected InMail reply rate before your own history
    prior_weight: int = 20  # how many sends the prior weighs as against your own rates
    # The daily agenda (docs/planning.md):
    withdraw_after_days: int = 21  # a connection request pending this long: withdraw it
    credit_back_within_days: int = 7  # a credit-back window ending this soon gets a line
    seat: str | None = None  # the user's seat on a team pool (``--seat``/INMAIL_TUI_SEAT wins)
    plans: dict[str, dict[str, Any]] = field(default_factory=dict)
    lint: dict[str, list[str]] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)

    def word_lists(self) -> WordLists:
        """The shipped drafting word lists extended by ``[lint]``; errors name the line."""
        from inmail_tui.core.lint import WordListError, load_word_lists

        try:
            return load_word_lists(self.lint)
        except WordListError as exc:
            line = _line_of(self.path, "lint", exc.name)
            raise SettingsError(_where(self.path, line) + str(exc)) from None

    def catalog(self) -> Catalog:
        # Imported here: the TUI's first frame needs the settings, not the plan catalog.
        from inmail_tui.core.plans import PlanError, load_catalog

        try:
            return load_catalog(self.plans)
        except PlanError as exc:
            line = _line_of(self.path, f"plans.{exc.plan_id}", exc.key)
            raise SettingsError(_where(self.path, line) + str(exc)) from None


# The top-level scalar settings and their TOML types, read off the fields above: a new field of
# one of these types is a new setting, with no second list to keep.
_KINDS: dict[str, type] = {"str": str, "int": int, "str | None": str}  # annotation -> TOML type
_SCALARS: dict[str, type] = {f.name: _KINDS[f.type] for f in fields(Settings) if f.type in _KINDS}
_KIND_WORDS: dict[type, str] = {str: "text in quotes", int: "a whole number"}  # for a message
# The range of each whole-number setting; the CLI options that override one take it from here.
BOUNDS: dict[str, tuple[int, int]] = {
    "connect_wait_days": (0, 365),
    "strong_fit": (1, 5),
    "reserve": (0, 1_000_000),
    "min_fit": (1, 5),
    "reply_prior_percent": (1, 99),
    "prior_weight": (0, 10_000),
    "withdraw_after_days": (1, 365),
    "credit_back_within_days": (0, 365),
}


def _where(path: Path | None, line: int | None) -> str:
    if path is None:
        return ""
    return f"{path}, line {line}: " if line else f"{path}: "


def _line_of(path: Path | None, table: str, key: str) -> int | None:
    """The line where ``key`` is set inside ``[table]`` (best effort, for messages)."""
    if path is None or not path.exists():
        return None
    current = ""
    key_re = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=")
    for number, line in enumerate(path.read_text("utf-8", errors="replace").splitlines(), 1):
        header = re.match(r"^\s*\[([^\]]+)\]", line)
        if header:
            current = header.group(1).strip().replace('"', "")
            if current == table and not key:
                return number
            continue
        if current == table and key_re.match(line):
            return number
    return None


def _check_table(path: Path, data: dict[str, Any], name: str) -> dict[str, Any]:
    value = data.get(name, {})
    if not isinstance(value, dict):
        raise SettingsError(_where(path, _line_of(path, "", name)) + f"{name!r} must be a table")
    return value


def load_settings(path: Path | None) -> Settings:
    """Read the settings file at ``path``; a missing file gives the defaults."""
    if path is None or not path.exists():
        return Settings(path=path)
    import tomllib

    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except UnicodeDecodeError:
        raise SettingsError(f"{path}: is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{path}: {exc}") from None
    except OSError as exc:
        raise SettingsError(f"{path}: cannot be read ({exc.strerror})") from None
    known = {*_SCALARS, "plans", "lint", "keys"}
    for key in data:
        if key not in known:
            line = _line_of(path, "", key) or _line_of(path, key, "")
            raise SettingsError(
                _where(path, line) + f"unknown setting {key!r} (known: {', '.join(sorted(known))})"
            )
    values: dict[str, Any] = {}
    for key, want in _SCALARS.items():
        if key in data:
            value = data[key]
            if not isinstance(value, want) or isinstance(value, bool):
                raise SettingsError(
                    _where(path, _line_of(path, "", key))
                    + f"{key!r} must be {_KIND_WORDS[want]}, not {value!r}"
                )
            bounds = BOUNDS.get(key)
            if (
                bounds is not None
                and isinstance(value, int)
                and not bounds[0] <= value <= bounds[1]
            ):
                low, high = bounds
                raise SettingsError(
                    _where(path, _line_of(path, "", key))
                    + f"{key!r} must be from {low} to {high}, not {value}"
                )
            values[key] = value
    plans = _check_table(path, data, "plans")
    for plan_id, body in plans.items():
        if not isinstance(body, dict):
            raise SettingsError(
                _where(path, _line_of(path, "plans", plan_id)) + f"plans.{plan_id} must be a table"
            )
        if not isinstance(body.get("base", ""), str):
            raise SettingsError(
                _where(path, _line_of(path, f"plans.{plan_id}", "base"))
                + f'plans.{plan_id}.base must be a plan id such as "recruiter_corporate"'
            )
    lint = _check_table(path, data, "lint")
    for name, words in lint.items():
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise SettingsError(
                _where(path, _line_of(path, "lint", name))
                + f"lint.{name} must be a list of strings"
            )
    keys = _check_table(path, data, "keys")
    for name, keyspec in keys.items():
        if not isinstance(keyspec, str):
            raise SettingsError(
                _where(path, _line_of(path, "keys", name)) + f"keys.{name} must be a string"
            )
    settings = Settings(path=path, plans=plans, lint=lint, keys=keys, **values)
    settings.catalog()  # validate plan overrides now, with the line of the bad key
    if lint:
        settings.word_lists()  # likewise the user's word lists (compiled only when given)
    return settings


def save_setting(path: Path, key: str, value: str | int) -> None:
    """Set one top-level setting, keeping the rest of the file (and its comments) as it was."""
    import tomlkit

    path.parent.mkdir(parents=True, exist_ok=True)
    doc = tomlkit.parse(path.read_text("utf-8")) if path.exists() else tomlkit.document()
    doc[key] = value
    path.write_text(tomlkit.dumps(doc), "utf-8")
