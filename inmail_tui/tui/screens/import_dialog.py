"""Import prospects from the TUI: pick a file, preview what it would do, import with progress.
LinkedIn's data archive (its ZIP) is imported here too; after it, the queue asks whether to
record the InMails it found missing from the ledger (``archive_spends.py``).

Type a path (→ completes it) or pick a file in the tree; an unzipped archive is its folder's path.
Enter previews: a dry run that reads the
whole file and says how many rows it would add and update, and which rows it cannot read. Enter
again (or ctrl+s) imports, with a progress bar; escape during the import cancels it, and since an
import is one transaction, a cancelled or failed import leaves the database as it was.
The dry run is a planner read, the import a planner write (``planner_work.py``); both report
their progress through a :class:`ProgressReport`, which is also how escape cancels them.
The dialog dismisses with the :class:`ImportResult`, or None when nothing was imported.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Button, DirectoryTree, Input, ProgressBar, Static

from inmail_tui.core.archive.files import holds_archive
from inmail_tui.core.text import terminal_safe
from inmail_tui.errors import UserError
from inmail_tui.tui.commands import CANCEL, Command, declare
from inmail_tui.tui.planner_work import Cancelled, ProgressReport, planner_work

if TYPE_CHECKING:
    from inmail_tui.planner import Planner
    from inmail_tui.planner.archive_summary import ArchiveResult
    from inmail_tui.planner.transfer import ImportResult

    Imported = ImportResult | ArchiveResult

SHOWN_ERRORS = 5
# What the tree and the completion offer (a .zip: LinkedIn's data archive).
CSV_LIKE = frozenset({".csv", ".tsv", ".txt", ".zip"})


def offered(entry: Path) -> bool:
    """A folder or a CSV-like file, neither hidden: what the dialog offers to pick."""
    if entry.name.startswith("."):
        return False
    try:
        return entry.is_dir() or entry.suffix.lower() in CSV_LIKE
    except OSError:
        return False


class PathSuggester(Suggester):
    """Completes a typed path with the first (alphabetical) folder or CSV-like file of its
    folder that fits (a folder ends in ``/``: enter then opens it in the tree)."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        if not value:
            return None
        typed = Path(value).expanduser()
        folder, stem = (typed, "") if value.endswith("/") else (typed.parent, typed.name)
        try:
            names = sorted(
                entry.name + ("/" if entry.is_dir() else "")
                for entry in folder.iterdir()
                if entry.name.startswith(stem)
                and (offered(entry) or (stem.startswith(".") and entry.is_dir()))
            )
        except OSError:
            return None
        return value + names[0][len(stem) :] if names else None


class ImportTree(DirectoryTree):
    """The file tree: folders and CSV-like files, nothing hidden."""

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        return [path for path in paths if offered(path)]


def preview_text(result: Imported) -> str:
    """The dry run in words, with the first rows that cannot be read (an archive: its summary
    in brief, which fits the dialog)."""
    from inmail_tui.planner.archive_summary import ArchiveResult as Archived

    if isinstance(result, Archived):
        return terminal_safe("\n".join(result.brief()), keep_newlines=True)
    lines = [result.text()]
    for error in result.errors[:SHOWN_ERRORS]:
        lines.append(f"  line {error.line}: {error.message}")
    if len(result.errors) > SHOWN_ERRORS:
        lines.append(f"  and {len(result.errors) - SHOWN_ERRORS:,} more")
    return "\n".join(lines)


class ImportDialog(ModalScreen["Imported | None"]):
    DEFAULT_CSS = """
    ImportDialog .dialog {
        width: 90;
        height: 30;
    }
    ImportDialog ImportTree {
        height: 1fr;
        min-height: 3;
        margin-top: 1;
    }
    ImportDialog #import-preview {
        margin-top: 1;
        height: auto;
    }
    ImportDialog ProgressBar {
        margin-top: 1;
    }
    ImportDialog .buttons Button {
        min-width: 10;
    }
    """

    BINDINGS = declare(
        CANCEL,
        Command(
            "import.run",
            "ctrl+s",
            "run",
            "Import",
            "Import",
            "Import the previewed file into the queue",
            priority=True,
        ),
    )

    class Progress(Message):
        def __init__(self, done: int, total: int) -> None:
            super().__init__()
            self.done = done
            self.total = total

    class Finished(Message):
        """A dry run (``result.dry_run``) or an import ended; ``problem`` when it failed."""

        def __init__(self, path: Path, result: Imported | None, problem: str = "") -> None:
            super().__init__()
            self.path = path
            self.result = result
            self.problem = problem

    def __init__(self, start: Path) -> None:
        super().__init__()
        self._start = start
        self._previewed: Path | None = None  # the file the preview shown is for
        self._under_way: ProgressReport | None = None  # the dry run or import under way

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as dialog:
            dialog.border_title = "Import prospects"
            dialog.border_subtitle = "enter previews, then imports · escape cancels"
            yield Static(
                "Connections.csv, a Sales Navigator (PhantomBuster) export, any lead list "
                "with a profile URL column, or LinkedIn's data archive (its .zip or its folder).",
                classes="hint",
                markup=False,
            )
            yield Input(
                placeholder="path to a CSV file, an archive .zip or its folder (→ completes)",
                suggester=PathSuggester(),
                id="import-path",
            )
            yield ImportTree(self._start, id="import-tree")
            yield Static("", id="import-preview", markup=False)
            yield Static("", id="import-error", classes="error", markup=False)
            progress = ProgressBar(id="import-progress", show_eta=False)
            progress.display = False
            yield progress
            with Horizontal(classes="buttons"):
                yield Button("Preview", id="preview", compact=True)
                yield Button("Import", variant="primary", id="import", disabled=True, compact=True)
                yield Button("Cancel", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#import-path", Input).focus()

    # -- picking and previewing -------------------------------------------------------------
    @property
    def path(self) -> Path:
        return Path(self.query_one("#import-path", Input).value.strip()).expanduser()

    @on(DirectoryTree.FileSelected)
    def _file_picked(self, event: DirectoryTree.FileSelected) -> None:
        self.query_one("#import-path", Input).value = str(event.path)
        self._preview()

    @on(Input.Changed, "#import-path")
    def _path_changed(self) -> None:
        self.query_one("#import", Button).disabled = self._previewed != self.path

    @on(Input.Submitted, "#import-path")
    def _entered(self) -> None:
        path = self.path
        if path.is_dir() and not holds_archive(path):  # a folder: open it, go on typing in it
            self.query_one(ImportTree).path = path
            field = self.query_one("#import-path", Input)
            field.value = field.value.rstrip("/") + "/"
            field.cursor_position = len(field.value)
            return
        if self._previewed == path:
            self.action_run()
        else:
            self._preview()

    @on(Button.Pressed, "#preview")
    def _preview(self) -> None:
        if self._under_way is not None:
            return
        if not self.query_one("#import-path", Input).value.strip():
            self._show_problem("Type the path of a file, or pick one in the tree.")
            return
        self._start_job(self.path, dry_run=True)

    @on(Button.Pressed, "#import")
    def action_run(self) -> None:
        if self._under_way is None and self._previewed is not None:
            self._start_job(self._previewed, dry_run=False)

    def _start_job(self, path: Path, *, dry_run: bool) -> None:
        self._show_problem("")
        self.query_one("#import-preview", Static).update(
            f"Reading {terminal_safe(path.name)}…"
            if dry_run
            else f"Importing {terminal_safe(path.name)}…"
        )
        bar = self.query_one("#import-progress", ProgressBar)
        bar.update(total=None, progress=0)
        bar.display = True
        for widget in self.query("#import-path, #import-tree, #preview, #import"):
            widget.disabled = True
        report = self._under_way = ProgressReport(self, self.Progress)

        def job(planner: Planner) -> tuple[Imported | None, str]:
            try:
                return planner.transfer.import_file(path, dry_run=dry_run, progress=report), ""
            except UserError as error:
                return None, str(error)
            except Cancelled:
                return None, "Import cancelled: the database is as it was."

        def finished(done: tuple[Imported | None, str]) -> ImportDialog.Finished:
            return self.Finished(path, *done)

        if dry_run:  # a read: it changes nothing
            planner_work(self).read(self, job, finished)
        else:  # a write: after it, every screen shows the new prospects
            planner_work(self).write(self, job, finished)

    def on_import_dialog_progress(self, message: Progress) -> None:
        self.query_one("#import-progress", ProgressBar).update(
            total=message.total or None, progress=message.done
        )

    def on_job_failed(self) -> None:
        """A failure that is not the user's to fix: the dialog comes back, the error dialog
        says what happened (a cancelled or failed import leaves the database as it was)."""
        path = self._previewed or self.path
        self.post_message(self.Finished(path, None, "That did not work: nothing was imported."))

    def on_import_dialog_finished(self, message: Finished) -> None:
        self._under_way = None
        self.query_one("#import-progress", ProgressBar).display = False
        for widget in self.query("#import-path, #import-tree, #preview"):
            widget.disabled = False
        if message.result is not None and not message.result.dry_run:
            self.dismiss(message.result)
            return
        preview = self.query_one("#import-preview", Static)
        if message.result is None:
            preview.update("")
            self._show_problem(message.problem)
            self._previewed = None
        else:
            preview.update(preview_text(message.result))
            self._previewed = message.path
        self.query_one("#import", Button).disabled = self._previewed is None
        self.query_one("#import-path", Input).focus()

    def _show_problem(self, text: str) -> None:
        self.query_one("#import-error", Static).update(text)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        if self._under_way is not None:
            self._under_way.cancel()
            return
        self.dismiss(None)
