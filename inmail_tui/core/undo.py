"""Undoing a status change when the history is only ever appended to (docs/rules.md, "The
pipeline").

A status change is a touch. An undo never deletes it: it appends a new touch back to the status
before the change, whose note names the touch it undoes (``"undo of #12: requested, 2026-01-15"``).
From then on the undone touch and the undo itself are left out of the history that decides what
a send costs and what the analytics count (:func:`effective`), so a second undo goes one change
further back. The statuses come first from the touches before; a change that replaced a status
no touch recorded (one an import set) notes what it replaced (``"replaced: InMail sent,
2026-01-10"``), so that status comes back exactly.

Not everything can be undone: a touch that moved the ledger (an InMail that spent a credit, a
response that gave one back) stays, because the credit moved on LinkedIn too; a status an import
set after the last change is not a change this history holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol, TypeVar

from inmail_tui.core.errors import DomainError
from inmail_tui.core.model import Status

UNDO_PREFIX = "undo of #"
REPLACED_PREFIX = "replaced: "
NOTE_KIND = "note"  # a touch that is a note, not a status change


class TouchLike(Protocol):
    """What an undo needs of a stored touch (``store.touches.TouchRow`` fits)."""

    @property
    def id(self) -> int: ...
    @property
    def kind(self) -> str: ...
    @property
    def on(self) -> date: ...
    @property
    def ledger_id(self) -> int | None: ...
    @property
    def note(self) -> str: ...


T = TypeVar("T", bound=TouchLike)


class NothingToUndo(DomainError):
    """There is no change to undo, or it cannot be undone; the message says which, and why."""


def undo_note(undone: TouchLike) -> str:
    """The note of a touch that undoes ``undone``."""
    return f"{UNDO_PREFIX}{undone.id}: {_said(undone.kind)}, {undone.on.isoformat()}"


def undone_by(note: str) -> int | None:
    """The id of the touch that a touch with this note undoes; None for any other note."""
    if not note.startswith(UNDO_PREFIX):
        return None
    digits = note[len(UNDO_PREFIX) :].partition(":")[0]
    return int(digits) if digits.isdigit() else None


def replaced_note(status: Status, on: date | None) -> str:
    """The note of a change that replaced a status no touch recorded (one an import set)."""
    return f"{REPLACED_PREFIX}{status.label}" + (f", {on.isoformat()}" if on else "")


def replaced_by(note: str) -> tuple[Status, date | None] | None:
    """The status (and its date) a touch with this note replaced; None for any other note."""
    if not note.startswith(REPLACED_PREFIX):
        return None
    label, _, day = note[len(REPLACED_PREFIX) :].rpartition(", ")
    try:
        return Status.parse(label), date.fromisoformat(day)
    except ValueError:
        try:
            return Status.parse(note[len(REPLACED_PREFIX) :]), None
        except ValueError:
            return None


def excluded(touches: Sequence[TouchLike]) -> set[int]:
    """The ids of the undo touches and of the touches they undo."""
    found: set[int] = set()
    for touch in touches:
        undone = undone_by(touch.note) if touch.kind != NOTE_KIND else None
        if undone is not None:
            found.update((touch.id, undone))
    return found


def effective(touches: Sequence[T]) -> list[T]:
    """The status changes that stand, in the order they were recorded (by id): notes, undo
    touches and the touches they undid are left out."""
    gone = excluded(touches)
    return sorted(
        (t for t in touches if t.kind != NOTE_KIND and t.id not in gone), key=lambda t: t.id
    )


def explained(touches: Sequence[TouchLike], status: Status) -> bool:
    """Whether the history accounts for ``status``: the last change that stands reached it (or,
    with no change, the prospect is new). Otherwise an import set it."""
    standing = effective(touches)
    return standing[-1].kind == status.value if standing else status == Status.NEW


@dataclass(frozen=True, slots=True)
class Undo:
    """What undoing the last change of one prospect writes."""

    undone: TouchLike  # the touch undone
    to: Status  # the status it goes back to
    since: date | None  # that status's date (None for a prospect back to new)
    note: str  # the undo touch's note


def plan_undo(touches: Sequence[TouchLike], status: Status, name: str) -> Undo:
    """How to undo the last status change of a prospect whose touches are ``touches`` and whose
    status is ``status``; :class:`NothingToUndo` says in a sentence why there is none."""
    standing = effective(touches)
    if not standing:
        raise NothingToUndo(f"Nothing to undo for {name}: no status change is recorded.")
    last = standing[-1]
    if last.kind != status.value:
        raise NothingToUndo(
            f"Nothing to undo for {name}: their status ({status.label}) was set by an import"
            " after their last change."
        )
    if last.ledger_id is not None:
        if last.kind == Status.INMAIL_SENT.value:
            why = "the InMail spent a credit and cannot be unsent"
        else:
            why = f"recording {_said(last.kind)} gave a credit back"
        raise NothingToUndo(
            f"Cannot undo {_said(last.kind)} for {name}: {why}; reconcile the balance with"
            " adjust if the ledger is wrong."
        )
    before = replaced_by(last.note)
    if before is not None:
        to, since = before
    elif len(standing) >= 2:
        to, since = Status(standing[-2].kind), standing[-2].on
    else:
        to, since = Status.NEW, None
    return Undo(last, to, None if to == Status.NEW else since, undo_note(last))


def _said(kind: str) -> str:
    try:
        return Status(kind).label
    except ValueError:
        return kind
