"""Whose archive it is: the profile URL that takes part in every conversation of
``messages.csv`` and every row of ``Invitations.csv`` (``Profile.csv`` names the owner but holds
no URL). When two profiles take part in everything (an archive with one conversation between two
people), ``Profile.csv``'s name picks the side.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from inmail_tui.core.archive.rows import Archive
from inmail_tui.core.importing.layout import ImportFormatError


@dataclass(frozen=True, slots=True)
class Owner:
    url: str
    how: str  # a sentence saying how it was found


def _fold(name: str) -> str:
    return " ".join(name.casefold().split())


def find_owner(archive: Archive) -> Owner | None:
    """The archive's owner; None when the archive has neither messages nor invitations (nothing
    needs an owner). ``ImportFormatError`` when it cannot be told."""
    groups: dict[str, set[str]] = {}
    names: dict[str, str] = {}
    for message in archive.messages:
        group = groups.setdefault(message.conversation, set())
        group.update(message.recipients)
        if message.sender is not None:
            group.add(message.sender)
            names.setdefault(message.sender, message.sender_name)
    sets: list[set[str]] = list(groups.values())
    for invitation in archive.invitations:
        sets.append({invitation.inviter, invitation.invitee})
        names.setdefault(invitation.inviter, invitation.inviter_name)
        names.setdefault(invitation.invitee, invitation.invitee_name)
    if not sets:
        return None
    common = set.intersection(*sets)
    if len(common) == 1:
        (url,) = common
        return Owner(url, "the profile that takes part in every conversation and invitation")
    if common and archive.owner_name:
        wanted = _fold(archive.owner_name)
        named = [url for url in sorted(common) if _fold(names.get(url, "")) == wanted]
        if len(named) == 1:
            return Owner(
                named[0],
                f"{len(common)} profiles take part in every conversation; Profile.csv names"
                f" {archive.owner_name}, who writes from {named[0]}",
            )
    if not common:
        raise ImportFormatError(
            "Cannot tell whose archive this is: no profile takes part in every conversation"
            " and invitation. Import the files of one archive together."
        )
    raise ImportFormatError(
        f"Cannot tell whose archive this is: {_listed(sorted(common))} each take part in every"
        " conversation. Import the archive with its Profile.csv, which names its owner."
    )


def _listed(urls: Iterable[str]) -> str:
    return " and ".join(urls)
