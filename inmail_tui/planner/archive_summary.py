"""What an archive import did (or would do): the summary printed after it, as text and JSON.

The JSON keys are documented in the README ("Reconcile from LinkedIn's data archive").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from inmail_tui.core.words import add_and_update, plural


@dataclass(frozen=True)
class SpendLine:
    """An InMail the archive holds and the ledger lacks."""

    name: str
    url: str
    on: date
    subject: str

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "url": self.url,
            "on": self.on.isoformat(),
            "subject": self.subject,
        }


@dataclass(frozen=True)
class UnmatchedLine:
    name: str
    url: str
    on: date
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "url": self.url,
            "on": self.on.isoformat(),
            "reason": self.reason,
        }


@dataclass(frozen=True)
class ArchiveError:
    file: str
    line: int
    message: str


_BRIEF = ("Prospects:", "Invitations:", "InMails:")  # the lines ``brief`` keeps


def _rate(part: int, whole: int) -> float | None:
    return None if whole == 0 else round(part / whole, 4)


def _percent(part: int, whole: int) -> str:
    return "-" if whole == 0 else f"{100 * part / whole:.0f}%"


@dataclass(frozen=True)
class ArchiveResult:
    files: list[str]
    owner: str | None
    owner_how: str
    prospects_added: int
    prospects_updated: int
    touches_added: int
    touches_matched: int
    invitations_sent: int
    invitations_accepted: int
    inmails_sent: int
    inmails_answered: int
    replies: int
    spends: list[SpendLine]  # InMails missing from the ledger
    spends_applied: int
    credit_backs: int
    ignored: dict[str, int]
    unmatched: list[UnmatchedLine]
    errors: list[ArchiveError] = field(default_factory=list)
    dry_run: bool = False
    source: str = ""  # the path imported (the TUI imports it again to record the spends)
    format: str = "archive"

    def to_json(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "files": self.files,
            "owner": self.owner,
            "owner_how": self.owner_how,
            "prospects": {"added": self.prospects_added, "updated": self.prospects_updated},
            "touches": {"added": self.touches_added, "already_recorded": self.touches_matched},
            "invitations": {
                "sent": self.invitations_sent,
                "accepted": self.invitations_accepted,
                "rate": _rate(self.invitations_accepted, self.invitations_sent),
            },
            "inmails": {
                "sent": self.inmails_sent,
                "answered": self.inmails_answered,
                "rate": _rate(self.inmails_answered, self.inmails_sent),
            },
            "replies": self.replies,
            "spends": {
                "missing": [spend.to_json() for spend in self.spends],
                "applied": self.spends_applied,
            },
            "credit_backs": self.credit_backs,
            "ignored": dict(self.ignored),
            "unmatched": [line.to_json() for line in self.unmatched],
            "errors": [{"file": e.file, "line": e.line, "message": e.message} for e in self.errors],
            "dry_run": self.dry_run,
        }

    def lines(self) -> list[str]:
        """The summary as lines of plain text (user text in them is not yet terminal-safe:
        the CLI's ``say`` and the TUI's widgets make it so)."""
        would = self.dry_run
        out = [f"LinkedIn data archive ({', '.join(self.files)})" + (": dry run" if would else "")]
        if self.owner:
            out.append(f"Owner: {self.owner} ({self.owner_how})")
        verb, update = add_and_update(would)
        out.append(
            f"Prospects: {verb} {self.prospects_added:,}, {update} {self.prospects_updated:,}."
            f" Touches: {verb} {self.touches_added:,},"
            f" {self.touches_matched:,} already recorded."
        )
        out.append(
            f"Invitations: {self.invitations_sent:,} sent, {self.invitations_accepted:,} accepted"
            f" ({_percent(self.invitations_accepted, self.invitations_sent)})."
        )
        out.append(
            f"InMails: {self.inmails_sent:,} sent, {self.inmails_answered:,} answered"
            f" ({_percent(self.inmails_answered, self.inmails_sent)}). Replies found:"
            f" {self.replies:,}."
        )
        if self.spends:
            if self.spends_applied:
                did = "would be recorded" if would else "recorded"
                out.append(f"InMails missing from the ledger, {did} as spends:")
            else:
                out.append(
                    "InMails missing from the ledger, not recorded as spends until you say so"
                    " (--apply-spends, or the app's confirmation):"
                )
            out += [f"  {s.on.isoformat()}  {s.name or s.url}  {s.subject!r}" for s in self.spends]
        else:
            out.append("Every InMail found is in the ledger.")
        if self.credit_backs:
            what = "would come back" if would else "came back"
            out.append(f"Credits given back for replies in the window: {self.credit_backs} {what}.")
        from inmail_tui.core.archive.reconcile import IGNORED  # (the CLI imports this module)

        for key, rows in sorted(self.ignored.items()):
            reason = IGNORED[key]
            out.append(f"Ignored {plural(rows, 'row')}: {reason}.")
        for line in self.unmatched:
            out.append(
                f"Not matched: {line.name or line.url} ({line.on.isoformat()}): {line.reason}."
            )
        if self.errors:
            out.append(f"{len(self.errors):,} rows could not be read.")
        return out

    def brief(self) -> list[str]:
        """The summary in four or five lines, for a dialog or a toast (``lines`` has it all)."""
        lines = self.lines()
        out = [lines[0]] + [line for line in lines if line.startswith(_BRIEF)]
        if self.spends and not self.spends_applied:
            out.append(
                f"{plural(len(self.spends), 'InMail')} missing from"
                " the ledger: you are asked before they are recorded as spends."
            )
        left_out = sum(self.ignored.values())
        if left_out or self.unmatched or self.errors:
            out.append(
                f"Left out: {left_out:,} rows; not matched: {len(self.unmatched):,};"
                f" unreadable: {len(self.errors):,}."
            )
        return out

    def text(self) -> str:
        return "\n".join(self.lines())
