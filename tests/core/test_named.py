"""Statuses, outcomes and channels: one user-facing name each (``label``), read back from the
label or the stored value; the stored values never change."""

from __future__ import annotations

import pytest

from inmail_tui.core.model import LABELS, Channel, Named, Outcome, Status, word_key
from inmail_tui.core.pipeline import TransitionError, check_move

KINDS: list[type[Named]] = [Channel, Status, Outcome]


def test_the_stored_values_are_unchanged() -> None:
    """The database holds these: a change would need a migration."""
    assert [s.value for s in Status] == [
        "new", "connection_requested", "connected", "inmail_sent", "messaged", "emailed",
        "accepted", "declined", "replied", "no_response", "do_not_contact",
    ]  # fmt: skip
    assert [c.value for c in Channel] == ["inmail", "message", "connect", "email"]


def test_every_member_has_one_label_and_no_word_names_two() -> None:
    for kind in (Channel, Status):
        assert set(LABELS[kind]) == set(kind)
    for kind in KINDS:
        words = [key for m in kind for key in {word_key(m.label), word_key(m.value)}]
        assert len(words) == len(set(words)), kind


def test_an_outcome_is_its_status_and_speaks_of_it() -> None:
    for outcome in Outcome:
        assert outcome.value == outcome.status.value
        assert outcome.label == outcome.status.label
    assert Outcome.NO_RESPONSE.value == Status.NO_RESPONSE.value == "no_response"


@pytest.mark.parametrize("kind", KINDS)
def test_each_member_reads_back_from_its_label_or_value_in_any_spelling(
    kind: type[Named],
) -> None:
    for member in kind:
        for word in (member.label, member.value):
            for spelling in (word, word.upper(), word.replace(" ", "-"), word.replace("_", " ")):
                assert kind.parse(f" {spelling} ") is member


@pytest.mark.parametrize(
    ("kind", "word", "member"),
    [
        (Status, "requested", Status.CONNECT_REQUESTED),
        (Status, "Connection requested", Status.CONNECT_REQUESTED),
        (Status, "inmail-sent", Status.INMAIL_SENT),
        (Outcome, "no-response", Outcome.NO_RESPONSE),
        (Outcome, "No response", Outcome.NO_RESPONSE),
        (Channel, "connect", Channel.CONNECT),
        (Channel, "Connection request", Channel.CONNECT),
    ],
)
def test_words_users_type(kind: type[Named], word: str, member: Named) -> None:
    assert kind.parse(word) is member


def test_an_unknown_word_lists_the_labels() -> None:
    with pytest.raises(ValueError, match="unknown status 'ghosted'; use one of: new, requested"):
        Status.parse("ghosted")
    with pytest.raises(ValueError, match=r"accepted, declined, replied, no response$"):
        Outcome.parse("")


def test_the_pipeline_names_statuses_by_their_labels() -> None:
    with pytest.raises(TransitionError) as raised:
        check_move(Status.DO_NOT_CONTACT, Status.CONNECT_REQUESTED)
    assert str(raised.value) == (
        "A prospect marked do not contact cannot be marked requested; it can be marked: new"
    )
