"""Keys: every binding has an id and a place in the help; keymaps, palette, modes, themes."""

from __future__ import annotations

import tomllib
from pathlib import Path

from textual.command import CommandList, CommandPalette

from inmail_tui.settings import load_settings
from inmail_tui.tui.app import InmailApp
from inmail_tui.tui.commands import all_commands
from inmail_tui.tui.screens.adjust import AdjustScreen
from inmail_tui.tui.screens.balance import BalanceScreen
from inmail_tui.tui.screens.drafter import DrafterScreen
from inmail_tui.tui.screens.help import HelpScreen
from inmail_tui.tui.screens.queue import QueueScreen
from tests.tui.pilot import MakeApp, Toasts, settle, until


def first_hit(app: InmailApp) -> str:
    """The title of the command palette's first hit ("" until the search has found one)."""
    hits = app.screen.query_one(CommandList)
    if not hits.option_count:
        return ""
    return str(hits.get_option_at_index(0).prompt).split("\n", 1)[0]


async def test_help_lists_every_binding_and_every_command(
    sales_navigator: Path, make_app: MakeApp
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        balance = app.screen
        active = {key: a for key, a in balance.active_bindings.items() if not a.binding.system}
        await pilot.press("f1")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        here = help_screen.rows_here()
        listed_keys = {k.strip() for keys, _, _ in here for k in keys.split(",")}
        for key, a in active.items():
            assert app.get_key_display(a.binding.with_key(key)) in listed_keys, key
        titles = {title for _, title, _ in here + help_screen.rows_elsewhere()}
        assert {c.title for c in all_commands() if c.id != "help.close"} <= titles
        await pilot.press("escape")
        assert isinstance(app.screen, BalanceScreen)


def test_every_declared_binding_has_an_id_a_label_and_help() -> None:
    for screen_class in (InmailApp, BalanceScreen, HelpScreen, AdjustScreen):
        for binding in screen_class.BINDINGS:
            assert not isinstance(binding, tuple)
            assert binding.id and binding.description and binding.tooltip, binding


async def test_keymap_from_the_settings_moves_a_key(
    sales_navigator: Path, make_app: MakeApp
) -> None:
    app = make_app(keys={"balance.reconcile": "x"})
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        assert isinstance(app.screen, BalanceScreen)
        await pilot.press("x")
        assert isinstance(app.screen, AdjustScreen)
        await pilot.press("escape", "f1")
        rows = app.screen.rows_here()  # type: ignore[attr-defined]
        assert ("x", "Balance: reconcile") in {(k, t) for k, t, _ in rows}


async def test_an_unknown_key_id_is_reported(sales_navigator: Path, make_app: MakeApp) -> None:
    app = make_app(keys={"balance.reconcle": "x"})
    toasts = Toasts(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "keys.balance.reconcle in the settings file names no command" in toasts.of("warning")


async def test_modes_switch_with_their_keys(sales_navigator: Path, make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.check_action("go", ("balance",)) is False  # you are here
        await pilot.press("q")
        await pilot.pause()
        assert (app.current_mode, app.screen.title) == ("queue", "Queue")
        assert isinstance(app.screen, QueueScreen)
        await settle(pilot)
        await pilot.press("d")  # no prospect to draft to: the app's d
        await pilot.pause()
        assert (app.current_mode, app.screen.title) == ("drafter", "Drafter")
        assert isinstance(app.screen, DrafterScreen)
        await pilot.press("b")
        await pilot.pause()
        assert app.current_mode == "balance"
        assert isinstance(app.screen, BalanceScreen)


async def test_palette_offers_the_commands_of_the_screen(
    sales_navigator: Path, make_app: MakeApp
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Balance: reconcile")
        await until(pilot, lambda: first_hit(app) == "Balance: reconcile", "the palette's hit")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AdjustScreen)


async def test_palette_is_context_aware(sales_navigator: Path, make_app: MakeApp) -> None:
    from inmail_tui.tui.palette import ScreenCommands

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        on_balance = [hit.text async for hit in ScreenCommands(app.screen).discover()]
        assert "Balance: reconcile" in on_balance
        assert "Go: balance" not in on_balance
        await pilot.press("q")
        await pilot.pause()
        on_queue = [hit.text async for hit in ScreenCommands(app.screen).discover()]
        assert "Balance: reconcile" in on_queue  # from anywhere: it shows the balance first
        assert "Go: balance" in on_queue
        assert on_queue.index("Queue: sort") < on_queue.index("Balance: reconcile")


async def test_the_theme_is_remembered(
    sales_navigator: Path, make_app: MakeApp, settings_path: Path
) -> None:
    settings_path.parent.mkdir(parents=True)
    settings_path.write_text('# my settings\ntheme = "textual-dark"\n', "utf-8")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+t")
        await pilot.press(*"nord")
        await until(pilot, lambda: first_hit(app) == "nord", "the theme palette's hit")
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "nord"
    text = settings_path.read_text("utf-8")
    assert text.startswith("# my settings")  # the user's comments survive
    assert tomllib.loads(text)["theme"] == "nord"
    again = make_app(settings=load_settings(settings_path))
    async with again.run_test(size=(120, 40)):
        assert again.theme == "nord"
