"""Import and export of prospects: one transaction per import, progress for big files."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from inmail_tui.core.archive.files import sniff_archive
from inmail_tui.core.exporting import (
    ExportRow,
    TextSink,
    write_prospects_csv,
    write_prospects_file,
)
from inmail_tui.core.importing import AUTO, FORMAT_NAMES, RowError, open_import
from inmail_tui.core.words import add_and_update, plural
from inmail_tui.errors import UserError
from inmail_tui.planner.context import Context, user_facing
from inmail_tui.planner.derive import Derivation, QueueItem
from inmail_tui.planner.queue import QueueQuery, QueueService
from inmail_tui.store.importer import import_records
from inmail_tui.store.tx import read_session

if TYPE_CHECKING:
    from inmail_tui.planner.archive import ArchiveService
    from inmail_tui.planner.archive_summary import ArchiveResult

Progress = Callable[[int, int], None]  # (bytes read, total bytes)


@dataclass(frozen=True)
class ImportResult:
    format: str
    read: int
    added: int
    updated: int
    unchanged: int  # read, already known with the same data: nothing to write
    errors: list[RowError] = field(default_factory=list)
    dry_run: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "read": self.read,
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "errors": [{"line": e.line, "message": e.message} for e in self.errors],
            "dry_run": self.dry_run,
        }

    def text(self) -> str:
        add, update = add_and_update(self.dry_run)
        line = (
            f"{self.format}: read {plural(self.read, 'row')}, {add} {self.added:,},"
            f" {update} {self.updated:,}, unchanged {self.unchanged:,}"
        )
        if self.errors:
            line += f", {plural(len(self.errors), 'row')} could not be read"
        return line


class TransferService:
    def __init__(
        self,
        ctx: Context,
        derivation: Derivation,
        queue: QueueService,
        archive: Callable[[], ArchiveService],
    ) -> None:
        self._ctx = ctx
        self._derivation = derivation
        self._queue = queue
        self._archive = archive

    @user_facing
    def import_file(
        self,
        path: str | Path,
        fmt: str = "auto",
        dry_run: bool = False,
        progress: Progress | None = None,
        apply_spends: bool = False,
    ) -> ImportResult | ArchiveResult:
        """Read ``path`` and merge its prospects in one transaction (all or nothing).

        LinkedIn's data archive (a ZIP, a folder, or its ``messages.csv`` or ``Invitations.csv``
        alone) is found by ``auto`` and reconciled (``ArchiveService.import_archive``);
        ``apply_spends`` is for it only."""
        if fmt not in FORMAT_NAMES:
            known = ", ".join(FORMAT_NAMES)
            raise UserError(f"Unknown format {fmt!r}; choose one of: {known}.")
        source = Path(path)
        if fmt == AUTO and sniff_archive(source):
            return self._archive().import_archive(source, dry_run, apply_spends, progress)
        if apply_spends:
            raise UserError(
                "--apply-spends is for LinkedIn's data archive (a ZIP, its folder, messages.csv"
                " or Invitations.csv); this file is a list of prospects."
            )
        if not source.is_file():
            raise UserError(f"No file at {source}.")
        if not dry_run:  # (a dry run writes nothing: any date will do)
            self._ctx.check_writable()
        with read_session(self._ctx.engine) as conn:
            derive = self._derivation.deriver(conn)
        with open_import(source, fmt) as reader:

            def tick(_rows: int) -> None:
                if progress is not None:
                    progress(reader.bytes_read, reader.total_bytes)

            summary = import_records(
                self._ctx.engine,
                iter(reader),
                source_name=source.name,
                now=self._ctx.now,
                dry_run=dry_run,
                progress=tick,
                derive=derive,
            )
            found = reader.format
        return ImportResult(
            format=str(found),
            read=summary.read,
            added=summary.added,
            updated=summary.updated,
            unchanged=summary.unchanged,
            errors=summary.errors,
            dry_run=dry_run,
        )

    @user_facing
    def export_csv(self, path: str | Path) -> int:
        """Write every prospect, with tags, status and decision, as CSV that re-imports."""
        target = Path(path)
        if target.is_dir():
            raise UserError(f"{target} is a folder; give a file name such as prospects.csv.")
        try:
            return write_prospects_file(target, self._export_rows())
        except OSError as exc:
            raise UserError(f"Cannot write {target}: {exc.strerror}.") from None

    @user_facing
    def export_to(self, stream: TextSink) -> int:
        """Write the same CSV as :meth:`export_csv` to an open text ``stream`` (standard output
        for ``export -``); returns how many prospects were written."""
        return write_prospects_csv(stream, self._export_rows())

    def _export_rows(self) -> Iterator[ExportRow]:
        for item in self._queue.iter_items(QueueQuery(sort="name", descending=False)):
            yield export_row(item)


def export_row(item: QueueItem) -> ExportRow:
    r = item.row
    d = item.decision
    return ExportRow(
        url=r.url,
        first_name=r.first_name,
        last_name=r.last_name,
        full_name=r.full_name,
        company=r.company,
        title=r.title,
        email=r.email,
        email_verified=r.email_verified,
        degree=r.degree,
        premium=r.premium,
        open_profile=r.open_profile,
        accepts_inmail=r.accepts_inmail,
        blocked=r.blocked,
        shares_group=r.shares_group,
        applicant=r.applicant,
        priority=r.priority,
        status=r.status,
        status_on=r.status_on,
        user_tags=r.user_tags,
        notes=r.notes,
        connected_on=r.connected_on,
        sales_nav_url=r.sales_nav_url,
        sources=r.sources,
        extra=tuple(sorted(r.extra.items())),
        tags=item.tags,
        next_action=item.next_action.label,
        next_due=item.next_action.due,
        channel=d.channel.value,
        cost=d.cost,
        allowed=d.allowed,
        rule=d.rule,
        reason=d.reason,
    )
