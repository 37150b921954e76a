"""Templates: the list (add, edit, delete, add the starters) and the editor of one template.

Placeholders (``{first_name}``, ``{company}``, a column of your own) are filled from the prospect
when the drafter applies a template; one without a value stays visible so the checks flag it.
Saving, deleting and adding the starters are planner writes (``planner_work.py``): after each,
the list is read again, once, and so is the drafter's list of templates.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Label, Select, Static

from inmail_tui.core.model import Channel
from inmail_tui.core.text import terminal_safe
from inmail_tui.tui.commands import CANCEL, Command, declare
from inmail_tui.tui.planner_work import DataChanged, planner_work
from inmail_tui.tui.widgets.draft_area import DraftArea
from inmail_tui.tui.widgets.draft_editor import CHANNELS, TAB_LABELS
from inmail_tui.tui.widgets.prospect_words import plain
from inmail_tui.tui.widgets.short_footer import ShortFooter

if TYPE_CHECKING:
    from inmail_tui.planner import Planner
    from inmail_tui.planner.drafting import TemplateRow

PLACEHOLDER_HELP = (
    "Placeholders: {first_name} {last_name} {company} {title}, or a column of your import file "
    "in lower case with _ for spaces ({company_size}). {{ writes a brace."
)


class TemplatesLoaded(Message, bubble=False):
    """Every template; the cursor goes to ``show``'s row (else the first of the channel)."""

    def __init__(self, templates: list[TemplateRow], show: str) -> None:
        super().__init__()
        self.templates, self.show = templates, show


class TemplatesChanged(Message, bubble=False):
    """A delete or the starters were saved: ``text`` says what (a toast)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class TemplatesScreen(Screen[None]):
    """Every template; dismissed with None."""

    TITLE = "Templates"
    DEFAULT_CSS = """
    TemplatesScreen DataTable {
        height: 1fr;
    }
    TemplatesScreen #template-preview {
        height: 1fr;
        border: round $primary 50%;
        padding: 0 1;
    }
    """
    BINDINGS = declare(
        CANCEL,
        Command("templates.new", "n", "new", "New", "Templates", "Write a new template"),
        Command("templates.edit", "e", "edit", "Edit", "Templates", "Edit the chosen template"),
        Command(
            "templates.delete", "delete,x", "delete", "Delete", "Templates",
            "Delete the chosen template (drafts made from it keep their text)", hide_below=100,
        ),
        Command(
            "templates.starters", "s", "starters", "Add starters", "Templates",
            "Add the starter templates that ship with the app (one per channel)", hide_below=100,
        ),
    )  # fmt: skip

    def __init__(self, channel: Channel = Channel.INMAIL) -> None:
        super().__init__()
        self.channel = channel
        self.templates: list[TemplateRow] = []

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="")
        table: DataTable[str] = DataTable(cursor_type="row", id="templates")
        table.add_columns("Name", "Channel", "Variant", "Subject")
        yield table
        yield Static("", id="template-preview", markup=False)
        yield ShortFooter(compact_below=100)

    def on_mount(self) -> None:
        self.query_one("#template-preview").border_title = "Text"
        planner_work(self).subscribe(self)
        self._list()

    @property
    def current(self) -> TemplateRow | None:
        row = self.query_one(DataTable).cursor_row
        return self.templates[row] if 0 <= row < len(self.templates) else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if action in ("edit", "delete") and self.current is None else True

    def _list(self, show: str = "") -> None:
        """Read the templates; the cursor goes to ``show``'s row."""
        planner_work(self).read(
            self,
            lambda p: p.drafts.templates(),
            lambda templates: TemplatesLoaded(templates, show),
            key="templates.list",
        )

    def on_data_changed(self, message: DataChanged) -> None:
        """A write finished: list the templates again, once. After a save in the editor opened
        from here, the editor's answer does it instead (the cursor goes to the template saved)."""
        if not isinstance(message.origin, TemplateEditScreen):
            self._list()

    def on_templates_changed(self, message: TemplatesChanged) -> None:
        self.notify(message.text, markup=False)

    def on_templates_loaded(self, message: TemplatesLoaded) -> None:
        self.templates = message.templates
        table = self.query_one(DataTable)
        table.clear()
        for t in self.templates:
            table.add_row(
                plain(t.name),
                TAB_LABELS.get(t.channel, t.channel.value),
                plain(t.variant),
                plain(t.subject),
            )
        rows = [i for i, t in enumerate(self.templates) if t.name == message.show]
        rows += [i for i, t in enumerate(self.templates) if t.channel is self.channel]
        if rows:
            table.move_cursor(row=rows[0])
        self.sub_title = f"{len(self.templates)} templates"
        self._preview()
        self.refresh_bindings()

    @on(DataTable.RowHighlighted)
    def _preview(self) -> None:
        current = self.current
        empty = "No templates yet: n writes one, s adds the starters."
        self.query_one("#template-preview", Static).update(current.body if current else empty)

    @on(DataTable.RowSelected)
    def action_edit(self) -> None:
        self._open(self.current)

    def action_new(self) -> None:
        self._open(None)

    def _open(self, template: TemplateRow | None) -> None:
        def saved(name: str | None) -> None:
            if name:
                self.notify(f"Template saved: {name}", markup=False)
                self._list(show=name)

        self.app.push_screen(TemplateEditScreen(template, self.channel), saved)

    def action_delete(self) -> None:
        from inmail_tui.tui.screens.confirm import ConfirmScreen

        current = self.current
        if current is None:
            return
        template_id, name = current.id, current.name

        def delete(planner: Planner) -> TemplatesChanged:
            planner.drafts.delete_template(template_id)
            return TemplatesChanged(f"Template deleted: {name}")

        def confirmed(yes: bool | None) -> None:
            if yes:
                planner_work(self).write(self, delete, lambda deleted: deleted)

        question = f"Delete the template {name!r}? Drafts made from it keep their text."
        self.app.push_screen(
            ConfirmScreen("Delete template", question, "Delete", danger=True), confirmed
        )

    def action_starters(self) -> None:
        def seed(planner: Planner) -> TemplatesChanged:
            added = planner.drafts.seed_starter_templates()
            return TemplatesChanged(
                f"Added {added} starter templates" if added else "The starters are all here"
            )

        planner_work(self).write(self, seed, lambda seeded: seeded)

    def action_cancel(self) -> None:
        self.dismiss(None)


class TemplateSaved(Message, bubble=False):
    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name


class TemplateEditScreen(Screen[str | None]):
    """Edit one template (None: a new one); dismissed with its name once saved, else None."""

    TITLE = "Template"
    DEFAULT_CSS = """
    TemplateEditScreen #template-form {
        padding: 0 1;
    }
    TemplateEditScreen .field {
        height: 1;
        margin-bottom: 1;
    }
    TemplateEditScreen .field > Label {
        width: 9;
    }
    TemplateEditScreen .field > Input, TemplateEditScreen .field > Select {
        width: 1fr;
    }
    TemplateEditScreen #template-form > .hint {
        height: auto;
    }
    """
    BINDINGS = declare(
        Command("template.save", "ctrl+s", "save", "Save", "Template", "Save this template"),
        Command("template.close", "escape", "close", "Close", "Template",
                "Close the editor (asks first when there are unsaved changes)"),
    )  # fmt: skip

    def __init__(self, template: TemplateRow | None, channel: Channel) -> None:
        super().__init__()
        self.template = template
        self._first = channel if template is None else template.channel
        self._saved: tuple[str, ...] = ()

    def compose(self) -> ComposeResult:
        t = self.template
        yield Header(show_clock=False, icon="")
        with Vertical(id="template-form"):
            with Horizontal(classes="field"):
                yield Label("Name")
                yield Input(t.name if t else "", placeholder="e.g. Warm intro", compact=True,
                            id="tpl-name")  # fmt: skip
            with Horizontal(classes="field"):
                yield Label("Channel")
                options = [(TAB_LABELS[c], c) for c in CHANNELS]
                yield Select(options, value=self._first, allow_blank=False, compact=True,
                             id="tpl-channel")  # fmt: skip
            with Horizontal(classes="field", id="tpl-subject-row"):
                yield Label("Subject")
                yield Input(t.subject if t else "", placeholder="InMail only: a few words",
                            compact=True, id="tpl-subject")  # fmt: skip
            with Horizontal(classes="field"):
                yield Label("Variant")
                yield Input(t.variant if t else "", compact=True, id="tpl-variant",
                            placeholder="an A/B label, to compare response rates")  # fmt: skip
            yield DraftArea(id="tpl-body")
            yield Static(PLACEHOLDER_HELP, classes="hint", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#tpl-body", DraftArea).load(self.template.body if self.template else "")
        self._saved = self.values
        self._show_subject()
        self.query_one("#tpl-name", Input).focus()

    @property
    def values(self) -> tuple[str, ...]:
        channel = self.query_one("#tpl-channel", Select).value
        return (
            self.query_one("#tpl-name", Input).value,
            str(channel),
            self.query_one("#tpl-subject", Input).value,
            self.query_one("#tpl-variant", Input).value,
            self.query_one("#tpl-body", DraftArea).text,
        )

    @property
    def dirty(self) -> bool:
        return self.values != self._saved

    @on(Input.Changed)
    @on(DraftArea.Changed)
    @on(Select.Changed)
    def _changed(self) -> None:
        self._show_subject()
        name = self.query_one("#tpl-name", Input).value.strip() or "new template"
        self.sub_title = terminal_safe(name) + (" · unsaved" if self.dirty else "")

    def _show_subject(self) -> None:
        inmail = self.query_one("#tpl-channel", Select).value == Channel.INMAIL
        self.query_one("#tpl-subject-row").display = inmail

    def action_save(self) -> None:
        name, channel, subject, variant, body = self.values
        template_id = self.template.id if self.template else None
        planner_work(self).write(
            self,
            lambda p: p.drafts.save_template(
                name, Channel(channel), subject, body, variant, template_id
            ),
            lambda saved: TemplateSaved(saved.name),
        )

    def on_template_saved(self, message: TemplateSaved) -> None:
        self.dismiss(message.name)

    def action_close(self) -> None:
        if not self.dirty:
            self.dismiss(None)
            return
        from inmail_tui.tui.screens.confirm import ConfirmScreen

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        question = "This template has changes that are not saved."
        self.app.push_screen(
            ConfirmScreen("Unsaved template", question, "Discard changes", danger=True), answered
        )
