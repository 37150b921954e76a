"""Merging one imported record into what the store already knows about that person.

Pure: ``merge_record`` takes the stored column values (or ``None`` for a new person) and a
``ProspectRecord`` and returns the column values the row should hold afterwards. The importer
calls it for every row; nothing here touches a database.

The rules:

- The incoming record is the newer source: every field it knows replaces the stored value.
  ``None`` (and an empty cell) means "this source does not say" and never blanks a known value.
- Sources are remembered as a space-separated set, in the order they were first seen.
- An email is verified only when a source says so (LinkedIn's own export does); a changed
  address starts unverified.
- A person known as 1st degree from LinkedIn's own export (``degree_source == "connections"``)
  stays 1st when a lead list says 2nd: a lead list is a search snapshot, the export is the truth.
- A degree no source has stated is unknown (``Degree.UNKNOWN``, stored as 0), and an unknown
  degree never overwrites a known one.
- The user's own fields (priority, tags, notes, status and its date) are kept unless the record
  carries them, which our own ``export`` format does. Tags are merged (a union), never dropped.
- ``full_name`` is built from first and last names when the record does not give one, and
  ``sort_name`` (the casefolded full name) always follows ``full_name``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from inmail_tui.core.model import Degree, ProspectRecord

CONNECTIONS_SOURCE = "connections"
EXPORT_SOURCE = "export"

# Tags the queue derives from a prospect's data; they are never stored as user tags.
DERIVED_TAGS = ("unknown", "1st", "2nd", "3rd", "OUT", "OPEN", "PREMIUM", "NO-INMAIL", "EMAIL")
_DERIVED_FOLDED = frozenset(t.casefold() for t in DERIVED_TAGS)

_TEXT_FIELDS = ("first_name", "last_name", "company", "title", "sales_nav_url")
_FLAG_FIELDS = ("premium", "open_profile", "accepts_inmail", "blocked", "shares_group", "applicant")

# The column values of a prospect nobody has told us anything about (mirrors store.models).
DEFAULTS: Mapping[str, Any] = {
    "first_name": "",
    "last_name": "",
    "full_name": "",
    "sort_name": "",
    "company": "",
    "title": "",
    "email": "",
    "email_verified": False,
    "degree": int(Degree.UNKNOWN),
    "degree_source": "",
    "premium": False,
    "open_profile": False,
    "accepts_inmail": True,
    "blocked": False,
    "shares_group": False,
    "applicant": False,
    "priority": 3,
    "status": "new",
    "status_on": None,
    "user_tags": "",
    "notes": "",
    "sources": "",
    "sales_nav_url": "",
    "connected_on": None,
    "extra": "{}",
}

MERGED_COLUMNS = ("url", *DEFAULTS)
# ``json.dumps(value, ensure_ascii=False, sort_keys=True)``, the encoder made once (``dumps``
# builds one per call when given options).
_EXTRA_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode


def clean_tag(tag: str) -> str:
    """A user tag as stored: casefolded, inner whitespace as ``-``; ``""`` if nothing is left."""
    return "-".join(tag.casefold().split())


def is_derived_tag(tag: str) -> bool:
    return tag.strip().casefold() in _DERIVED_FOLDED


def clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """User tags cleaned, de-duplicated (first wins) and without derived tags."""
    seen: dict[str, None] = {}
    for raw in tags:
        tag = clean_tag(raw)
        if tag and tag not in _DERIVED_FOLDED:
            seen.setdefault(tag, None)
    return tuple(seen)


def join_words(words: Iterable[str]) -> str:
    """Several words as one space-separated column value (``user_tags``, ``sources``)."""
    return " ".join(words)


def sort_key_of(full_name: str) -> str:
    return " ".join(full_name.casefold().split())


def _known(value: str | None) -> bool:
    return value is not None and value != "" and not value.isspace()


def merge_record(existing: Mapping[str, Any] | None, incoming: ProspectRecord) -> dict[str, Any]:
    """The prospect row's column values after ``incoming`` is merged into ``existing``."""
    row: dict[str, Any] = dict(DEFAULTS)
    if existing is not None:
        row.update({key: existing[key] for key in DEFAULTS if key in existing})
    row["url"] = incoming.url

    for name in _TEXT_FIELDS:
        value = getattr(incoming, name)
        if _known(value):
            row[name] = value
    if _known(incoming.full_name):
        row["full_name"] = incoming.full_name
    elif not row["full_name"] or (
        (_known(incoming.first_name) or _known(incoming.last_name))
        and row["first_name"]
        and row["last_name"]
    ):  # a name known in full is not replaced by half a name
        row["full_name"] = " ".join(p for p in (row["first_name"], row["last_name"]) if p)
    row["sort_name"] = sort_key_of(row["full_name"])

    if _known(incoming.email):
        if incoming.email != row["email"]:
            row["email_verified"] = False  # a new address is unverified until a source says so
        row["email"] = incoming.email
    if incoming.email_verified is not None and row["email"]:
        row["email_verified"] = incoming.email_verified

    for name in _FLAG_FIELDS:
        value = getattr(incoming, name)
        if value is not None:
            row[name] = bool(value)

    _merge_degree(row, incoming)
    if incoming.connected_on is not None:
        row["connected_on"] = incoming.connected_on

    if incoming.priority is not None and 1 <= incoming.priority <= 5:
        row["priority"] = incoming.priority
    if _known(incoming.status):
        if incoming.status != row["status"] or incoming.status_on is not None:
            row["status_on"] = incoming.status_on
        row["status"] = incoming.status
    if _known(incoming.notes):
        row["notes"] = incoming.notes
    tags = clean_tags((*str(row["user_tags"]).split(), *incoming.user_tags))
    row["user_tags"] = join_words(tags)

    # An export carries its prospects' own sources: re-importing it is not a new source.
    own = () if incoming.source == EXPORT_SOURCE and incoming.sources else (incoming.source,)
    sources = dict.fromkeys((*str(row["sources"]).split(), *incoming.sources, *own))
    row["sources"] = join_words(sources)

    if incoming.extra:
        stored = row["extra"]
        extra = json.loads(stored) if stored and stored != "{}" else {}  # (most rows: none)
        extra.update(dict(incoming.extra))
        row["extra"] = _EXTRA_JSON(extra)
    return row


def _merge_degree(row: dict[str, Any], incoming: ProspectRecord) -> None:
    degree = incoming.degree
    if incoming.source == CONNECTIONS_SOURCE:
        degree = Degree.FIRST  # everyone in LinkedIn's own export is a connection
    if degree is None or degree == Degree.UNKNOWN:
        if not row["degree_source"]:  # no source ever stated one (a row of an older release)
            row["degree"] = int(Degree.UNKNOWN)
        return
    source = incoming.source
    if source == EXPORT_SOURCE:  # the exported row's degree came from one of its sources
        if degree == Degree.FIRST and CONNECTIONS_SOURCE in incoming.sources:
            source = CONNECTIONS_SOURCE
        elif row["degree_source"] and row["degree"] == degree:
            source = row["degree_source"]
        elif incoming.sources:
            source = incoming.sources[-1]
    pinned = row["degree_source"] == CONNECTIONS_SOURCE and row["degree"] == Degree.FIRST
    if pinned and source != CONNECTIONS_SOURCE:
        return
    row["degree"] = int(degree)
    row["degree_source"] = source


def merge_prospects(kept: Mapping[str, Any], other: Mapping[str, Any]) -> dict[str, Any]:
    """The kept prospect's column values after the user merged ``other`` (the same person, a
    likely duplicate) into it. Both are rows' values (``DEFAULTS``' keys); the kept one's URL
    stays. What the kept one knows stays; what it lacks, the other gives:

    - a text (names, company, title, Sales Navigator URL), the email (with its verification), a
      connection date, a known degree (1st from LinkedIn's own export wins, as in imports);
    - flags that open a door (premium, Open Profile, a shared group, an applicant) or close one
      (blocked, no InMail) hold if either row says so: the cautious reading of both;
    - the higher priority, the union of tags and sources, the other's notes appended on a new
      line, the extra columns the kept row lacks;
    - the status with the later date (a status over ``new``): the pipeline as it last moved.
    """
    row: dict[str, Any] = {key: kept[key] for key in MERGED_COLUMNS}
    for name in (*_TEXT_FIELDS, "full_name"):
        if not _known(row[name]) and _known(other.get(name)):
            row[name] = other[name]
    row["sort_name"] = sort_key_of(row["full_name"])
    if not _known(row["email"]) and _known(other.get("email")):
        row["email"], row["email_verified"] = other["email"], bool(other["email_verified"])
    if row["connected_on"] is None:
        row["connected_on"] = other.get("connected_on")
    pinned = other["degree_source"] == CONNECTIONS_SOURCE and other["degree"] == Degree.FIRST
    if pinned or (row["degree"] == Degree.UNKNOWN and other["degree"] != Degree.UNKNOWN):
        row["degree"], row["degree_source"] = other["degree"], other["degree_source"]
    for name in ("premium", "open_profile", "shares_group", "applicant", "blocked"):
        row[name] = bool(row[name]) or bool(other[name])
    row["accepts_inmail"] = bool(row["accepts_inmail"]) and bool(other["accepts_inmail"])
    row["priority"] = max(int(row["priority"]), int(other["priority"]))
    row["user_tags"] = join_words(
        clean_tags((*row["user_tags"].split(), *other["user_tags"].split()))
    )
    row["sources"] = join_words(dict.fromkeys((*row["sources"].split(), *other["sources"].split())))
    notes = [text for text in (row["notes"], other["notes"]) if _known(text)]
    row["notes"] = "\n".join(dict.fromkeys(notes))
    extra = {**json.loads(other.get("extra") or "{}"), **json.loads(row["extra"] or "{}")}
    row["extra"] = json.dumps(extra, ensure_ascii=False, sort_keys=True)
    if _later(other, row):
        row["status"], row["status_on"] = other["status"], other["status_on"]
    return row


def _later(other: Mapping[str, Any], kept: Mapping[str, Any]) -> bool:
    """Whether ``other``'s status is the one to keep: kept is still new and other is not, or
    other's status is dated after kept's."""
    if other["status"] == "new":
        return False
    if kept["status"] == "new":
        return True
    return other["status_on"] is not None and (
        kept["status_on"] is None or other["status_on"] > kept["status_on"]
    )
