"""core.undo: which status an undo goes back to, from an append-only touch history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from inmail_tui.core.model import Status
from inmail_tui.core.undo import (
    NothingToUndo,
    effective,
    explained,
    plan_undo,
    replaced_by,
    replaced_note,
    undo_note,
    undone_by,
)

D1, D2, D3 = date(2026, 1, 1), date(2026, 1, 2), date(2026, 1, 3)


@dataclass(frozen=True)
class T:
    id: int
    kind: str
    on: date
    ledger_id: int | None = None
    note: str = ""


def test_notes_read_back() -> None:
    touch = T(7, "connection_requested", D1)
    assert undo_note(touch) == "undo of #7: requested, 2026-01-01"
    assert undone_by(undo_note(touch)) == 7
    assert undone_by("undo of #x: requested") is None and undone_by("met at a fair") is None
    assert replaced_by(replaced_note(Status.INMAIL_SENT, D2)) == (Status.INMAIL_SENT, D2)
    assert replaced_by(replaced_note(Status.NO_RESPONSE, None)) == (Status.NO_RESPONSE, None)
    assert replaced_by("replaced: nonsense") is None


def test_undos_go_back_one_change_at_a_time() -> None:
    history = [T(1, "connection_requested", D1), T(2, "do_not_contact", D2)]
    first = plan_undo(history, Status.DO_NOT_CONTACT, "Ann")
    assert (first.undone.id, first.to, first.since) == (2, Status.CONNECT_REQUESTED, D1)
    history.append(T(3, "connection_requested", D3, note=first.note))
    assert [t.id for t in effective(history)] == [1]
    second = plan_undo(history, Status.CONNECT_REQUESTED, "Ann")
    assert (second.undone.id, second.to, second.since) == (1, Status.NEW, None)
    history.append(T(4, "new", D3, note=second.note))
    assert effective(history) == [] and explained(history, Status.NEW)
    with pytest.raises(NothingToUndo, match="no status change is recorded"):
        plan_undo(history, Status.NEW, "Ann")


def test_what_cannot_be_undone_says_why() -> None:
    spent = [T(1, "inmail_sent", D1, ledger_id=5)]
    with pytest.raises(NothingToUndo, match="spent a credit and cannot be unsent"):
        plan_undo(spent, Status.INMAIL_SENT, "Ann")
    credited = [*spent, T(2, "replied", D2, ledger_id=6)]
    with pytest.raises(NothingToUndo, match="recording replied gave a credit back"):
        plan_undo(credited, Status.REPLIED, "Ann")
    with pytest.raises(NothingToUndo, match="set by an import"):
        plan_undo([T(1, "messaged", D1)], Status.REPLIED, "Ann")


def test_a_status_no_touch_recorded_is_brought_back_from_the_note() -> None:
    assert not explained([], Status.REPLIED)
    history = [T(1, "messaged", D2, note=replaced_note(Status.REPLIED, D1))]
    undo = plan_undo(history, Status.MESSAGED, "Bob")
    assert (undo.to, undo.since) == (Status.REPLIED, D1)
