"""The keys in force once the user's ``[keys]`` (binding id -> key) is applied, and the
conflicts a remap makes: two commands of one screen on the same key, where one hides the other.

Read by the app at start (a warning toast per conflict) and by ``inmail-tui keys``. Where a
command is bound comes from the classes that declare it (their ``BINDINGS``): a screen's own,
the app's (on every screen), and a widget's (on the screens of its group, the queue's table on
the queue).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen

from inmail_tui.tui.commands import Command, command_of


def keys_of(command: Command, keymap: Mapping[str, str]) -> list[str]:
    """The keys ``command`` answers to: the user's, else its default (comma separated)."""
    spec = keymap.get(command.id, command.key)
    return [key.strip() for key in spec.split(",") if key.strip()]


@dataclass(frozen=True, slots=True)
class Conflict:
    key: str
    ids: tuple[str, ...]  # the commands on that key, remapped ones first
    screens: tuple[str, ...]  # the screens where they meet ("Queue", "Drafter")

    def sentence(self) -> str:
        """``"Key n is bound to both queue.tag and queue.note on the Queue screen: one hides
        the other. Change one under [keys] in the settings file."``"""
        where = ", ".join(self.screens)
        screens = "screen" if len(self.screens) == 1 else "screens"
        both = " and ".join(self.ids)
        return (
            f"Key {self.key} is bound to both {both} on the {where} {screens}: one hides the "
            "other. Change one under [keys] in the settings file."
        )


def _classes(root: type[DOMNode]) -> Iterator[type[DOMNode]]:
    for sub in root.__subclasses__():
        yield sub
        yield from _classes(sub)


def _commands(node: type[DOMNode]) -> list[Command]:
    own = node.__dict__.get("BINDINGS", [])
    found = (command_of(b) for b in own if isinstance(b, Binding))
    return [c for c in found if c is not None]


def _screen_name(screen: type[Screen[object]]) -> str:
    name = screen.__name__.removesuffix("Screen").removesuffix("Dialog")
    return name or screen.__name__


def scopes() -> dict[str, list[Command]]:
    """Each screen's commands (its own, its widgets' and the app's), by screen name; every
    screen and widget module must be imported (``screens.load_all``)."""
    ours = [c for c in _classes(DOMNode) if c.__module__.startswith("inmail_tui.")]
    app = [c for cls in ours if issubclass(cls, App) for c in _commands(cls)]
    widgets = [c for cls in ours if not issubclass(cls, App | Screen) for c in _commands(cls)]
    found: dict[str, list[Command]] = {}
    for cls in ours:
        if issubclass(cls, Screen) and (own := _commands(cls)):
            groups = {c.group for c in own}
            mine = [c for c in widgets if c.group in groups]
            found[_screen_name(cls)] = [*own, *mine, *app]
    return found


def conflicts(keymap: Mapping[str, str]) -> list[Conflict]:
    """Keys that two commands of one screen share because of ``keymap`` (a conflict among
    default keys, the queue's d and the app's d, is by design: the screen's wins)."""
    met: dict[tuple[str, tuple[str, ...]], list[str]] = {}
    for screen, commands in scopes().items():
        on_key: dict[str, list[Command]] = {}
        for command in commands:
            for key in keys_of(command, keymap):
                on_key.setdefault(key, []).append(command)
        for key, sharing in on_key.items():
            ids = sorted({c.id for c in sharing}, key=lambda i: (i not in keymap, i))
            if len(ids) > 1 and any(i in keymap for i in ids):
                met.setdefault((key, tuple(ids)), []).append(screen)
    return [Conflict(key, ids, tuple(sorted(s))) for (key, ids), s in sorted(met.items())]


MODE_SCREENS = {
    "balance": "BalanceScreen",
    "queue": "QueueScreen",
    "drafter": "DrafterScreen",
    "today": "TodayScreen",
}


def mode_commands() -> dict[str, list[Command]]:
    """Each main screen's own commands (not its widgets' or the app's), by mode name."""
    from inmail_tui.tui.screens import load_all

    load_all()
    found: dict[str, list[Command]] = {}
    for cls in _classes(DOMNode):
        if not cls.__module__.startswith("inmail_tui.") or not issubclass(cls, Screen):
            continue
        for mode, name in MODE_SCREENS.items():
            if cls.__name__ == name:
                found[mode] = _commands(cls)
    return found
