"""Every command of the app, declared once: its key, footer label, palette title and help line.

A node's ``BINDINGS`` are made from its :class:`Command` declarations, so the footer, the command
palette ("Balance: reconcile") and the F1 help screen read the same declaration, with the user's
keymap (``[keys]`` in the settings file, binding id -> key) applied by Textual. Where a key goes
on a narrow terminal is declared there too (``hide_below``, read by the ``ShortFooter``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.binding import ActiveBinding, Binding, BindingType

if TYPE_CHECKING:
    from textual.dom import DOMNode

_REGISTRY: dict[str, Command] = {}


@dataclass(frozen=True, slots=True)
class Command:
    id: str  # stable binding id, used by the keymap: "balance.reconcile"
    key: str  # the default key(s), comma separated
    action: str  # the action it runs, on the node that declares it
    label: str  # the footer label: "Reconcile"
    group: str  # the palette group: "Balance"
    help: str  # one line for the palette and the help screen
    show: bool = True  # in the footer (all commands are in the palette and the help)
    priority: bool = False  # runs even while an input has focus
    hide_below: int | None = None  # left out of a ShortFooter narrower than this many cells

    @property
    def title(self) -> str:
        """The command palette's name for it: ``"Balance: reconcile"``."""
        return f"{self.group}: {self.label[:1].lower()}{self.label[1:]}"

    def binding(self) -> Binding:
        return Binding(
            self.key,
            self.action,
            self.label,
            show=self.show,
            priority=self.priority,
            tooltip=self.help,
            id=self.id,
        )


def declare(*commands: Command) -> list[BindingType]:
    """Register ``commands`` and return their bindings, for a node's ``BINDINGS``."""
    for command in commands:
        known = _REGISTRY.setdefault(command.id, command)
        if known != command:
            raise ValueError(f"two commands declare the binding id {command.id!r}")
    return [command.binding() for command in commands]


def command_of(binding: Binding) -> Command | None:
    """The declaration behind a (possibly remapped) binding, or None for Textual's own."""
    return _REGISTRY.get(binding.id) if binding.id else None


def all_commands() -> list[Command]:
    """Every command declared so far (all of them once ``inmail_tui.tui.app`` is imported)."""
    return sorted(_REGISTRY.values(), key=lambda c: (c.group, c.id))


def unknown_key_ids(keymap: dict[str, str]) -> list[str]:
    """Ids in a user's keymap that name no command (a typo in the settings file)."""
    return sorted(set(keymap) - set(_REGISTRY))


def key_of(node: DOMNode, binding_id: str) -> str:
    """The key in force for ``binding_id`` on ``node``'s screen, as the footer shows it (the
    user's keymap applied), or the id itself when it is not bound there."""
    for active in node.screen.active_bindings.values():
        if active.binding.id == binding_id:
            return node.app.get_key_display(active.binding)
    return binding_id


def commands_here(bindings: dict[str, ActiveBinding]) -> list[tuple[Command, ActiveBinding]]:
    """The declared commands among a screen's active bindings, once each, in declaration order."""
    seen: dict[str, tuple[Command, ActiveBinding]] = {}
    for active in bindings.values():
        command = command_of(active.binding)
        if command is not None and command.id not in seen:
            seen[command.id] = (command, active)
    order = list(_REGISTRY)
    return sorted(seen.values(), key=lambda pair: order.index(pair[0].id))


CANCEL = Command(
    "dialog.cancel", "escape", "cancel", "Cancel", "Dialog", "Close this dialog, changing nothing"
)
"""Every dialog's way out (one id, so one remap moves it everywhere)."""
