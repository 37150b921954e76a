"""Message templates with ``{first_name}``-style placeholders, and the starter templates.

The prospect fills ``{first_name}``, ``{last_name}``, ``{company}`` and ``{title}``; a template
may use any other name too (the user's own fields), filled from the values passed to ``render``.

A placeholder with no value is left in the text as written (and listed in ``missing``), never
replaced by an empty gap: the drafting checks then flag it as unfilled. ``{{`` and ``}}`` write a
literal brace.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

from inmail_tui.core.errors import DomainError
from inmail_tui.core.model import Channel

_TOKEN = re.compile(r"\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}")


class TemplateError(DomainError):
    """A template file cannot be used; the message names the template and the key."""


@dataclass(frozen=True, slots=True)
class Template:
    name: str
    channel: Channel
    subject: str
    body: str
    variant: str = ""  # A/B label, for response rates by variant


@dataclass(frozen=True, slots=True)
class Rendered:
    subject: str
    body: str
    missing: tuple[str, ...]  # placeholders left in the text for want of a value, in order


def _fill(text: str, values: Mapping[str, str], missing: dict[str, None]) -> str:
    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name is None:
            return match.group()[0]  # "{{" -> "{", "}}" -> "}"
        value = values.get(name, "").strip()
        if not value:
            missing[name] = None
            return match.group()
        return value

    return _TOKEN.sub(replace, text)


def render(template: Template, values: Mapping[str, str]) -> Rendered:
    """The template's subject and body with each placeholder replaced by its value."""
    missing: dict[str, None] = {}  # an ordered set
    subject = _fill(template.subject, values, missing)
    body = _fill(template.body, values, missing)
    return Rendered(subject, body, tuple(missing))


def _text(where: str, entry: Mapping[str, Any], key: str, default: str | None = None) -> str:
    value = entry.get(key, default)
    if not isinstance(value, str):
        raise TemplateError(f"{where}: {key!r} must be text, not {value!r}")
    return value


def templates_from_toml(text: str) -> list[Template]:
    """Templates from a TOML document of ``[[templates]]`` tables (name, channel, subject, body,
    variant)."""
    try:
        entries = tomllib.loads(text).get("templates", [])
    except tomllib.TOMLDecodeError as exc:
        raise TemplateError(f"templates file: {exc}") from None
    if not isinstance(entries, list):
        raise TemplateError("templates file: 'templates' must be an array of tables")
    templates = []
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict):
            raise TemplateError(f"template {number}: must be a table")
        where = f"template {number}"
        name = _text(where, entry, "name")
        where = f"template {name!r}"
        channel = _text(where, entry, "channel")
        if channel not in {c.value for c in Channel}:
            known = ", ".join(c.value for c in Channel)
            raise TemplateError(f"{where}: channel must be one of {known}, not {channel!r}")
        templates.append(
            Template(
                name=name,
                channel=Channel(channel),
                subject=_text(where, entry, "subject", ""),
                body=_text(where, entry, "body"),
                variant=_text(where, entry, "variant", ""),
            )
        )
    return templates


def starter_templates() -> list[Template]:
    """The templates that ship with the app: one per channel, each passing the drafting checks."""
    data = resources.files("inmail_tui.core").joinpath("data/templates.toml").read_text("utf-8")
    return templates_from_toml(data)
