"""The Textual app: modes, keys, themes, and the planner work every screen goes through.

Start-up stays cheap: nothing here imports the planner (SQLModel, SQLAlchemy) at import time.
The first frame paints the balance screen in its loading state; then ``app.work``
(:class:`~inmail_tui.tui.planner_work.PlannerWork`) opens the planner in a thread worker and the
app's views (the balance, the analytics) arrive as :class:`ViewsLoaded`; they are read again
after every write. Errors of any worker land in :meth:`InmailApp.on_worker_state_changed`: one
dialog, a sentence when the error is the user's to fix.

The queue, the drafter and today's agenda are modes too, but their modules are imported when
the mode is first shown (``MODES`` holds factories), so the balance screen's first frame never
pays for them. Once the first views show a database with prospects, the app goes on to the
Today screen (unless the user went elsewhere first); an empty database stays on the balance.
"""

from __future__ import annotations

from contextlib import suppress
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import App, ComposeResult, SystemCommand
from textual.message import Message
from textual.reactive import reactive
from textual.worker import Worker, WorkerState

from inmail_tui.core.text import terminal_safe
from inmail_tui.errors import UserError
from inmail_tui.settings import SettingsError, save_setting
from inmail_tui.tui.commands import Command, declare, unknown_key_ids
from inmail_tui.tui.planner_work import PlannerWork
from inmail_tui.tui.screens import load_all
from inmail_tui.tui.screens.balance import BalanceScreen

if TYPE_CHECKING:
    from collections.abc import Iterable

    from textual.command import Provider
    from textual.notifications import SeverityLevel
    from textual.screen import Screen
    from textual.theme import Theme

    from inmail_tui.core.model import Channel
    from inmail_tui.planner import BalanceView, Planner
    from inmail_tui.planner.analytics import AnalyticsView
    from inmail_tui.settings import Settings
    from inmail_tui.tui.screens.drafter import DrafterScreen

DEFAULT_THEME = "textual-dark"


def _styled(screen: Screen[None]) -> Screen[None]:
    """A mode's new screen, marked as styled with the app's CSS as it is now.

    Textual refreshes the whole CSS when a mode's first screen arrives, because a screen never
    shown carries an out-of-date CSS count: it re-parses every rule of every widget class seen so
    far, from scratch (docs/performance.md has the figures). A screen not yet mounted
    needs none of it: its widgets take their styles from the stylesheet as they mount. A theme
    changed later still refreshes each mode's screen when it is shown again (its count is then
    behind the app's), as Textual does."""
    from textual._context import NoActiveAppError

    # made outside a running app (no count to take): Textual styles it in full when shown
    with suppress(NoActiveAppError):
        screen._css_update_count = screen.app._css_update_count
    return screen


def _new_balance() -> Screen[None]:
    """The first mode's screen, marked styled too: the stylesheet is parsed once before the first
    frame, not a second time from scratch. Of Textual's refresh it skips, the first frame needs
    only the app's own styles (the colours every screen inherits), applied here; a theme chosen
    in the settings refreshes the CSS itself (``App._watch_theme``) before the first frame."""
    screen = _styled(BalanceScreen())
    app = screen.app
    app.stylesheet.update(app)
    return screen


def _new_queue() -> Screen[None]:
    from inmail_tui.tui.screens.queue import QueueScreen

    return _styled(QueueScreen())


def _new_drafter() -> Screen[None]:
    from inmail_tui.tui.screens.drafter import DrafterScreen

    return _styled(DrafterScreen())


def _new_today() -> Screen[None]:
    from inmail_tui.tui.screens.today import TodayScreen

    return _styled(TodayScreen())


class FirstFramePainted(Message, bubble=False):
    """Sent to the current screen once the app's first frame is on the terminal."""


CHANGE_POLL_SECONDS = 2.0  # how often the app asks whether another process changed the data


class MarkerRead(Message, bubble=False):
    """The database's change marker, read after ``writes_done`` of the app's own writes."""

    def __init__(self, marker: tuple[object, ...], writes_done: int) -> None:
        super().__init__()
        self.marker, self.writes_done = marker, writes_done


class OutsideChange(Message, bubble=False):
    """Another session wrote to the database (heard through ``planner.maintenance.watch_changes``
    on PostgreSQL): reload once."""


class WatchStarted(Message, bubble=False):
    """The live watch listens: the poll can rest."""


class WatchEnded(Message, bubble=False):
    """The live watch stopped: ``reason`` says why (a lost connection), or '' on the way out."""

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason


LISTEN_WAIT_SECONDS = 0.5  # how long the listening thread blocks before it checks for the exit
WATCH_GROUP = "watch changes"  # the listening worker's group: it runs as long as the app


class ViewsLoaded(Message):
    """The active pool's balance and the outreach analytics, as just read (after opening the
    planner and after every write); both None when there is no pool yet (the first run).
    ``prospects`` says whether the database has any, when it was asked (the first read: it
    picks the first screen), else None."""

    def __init__(
        self,
        balance: BalanceView | None,
        analytics: AnalyticsView | None,
        prospects: bool | None = None,
    ) -> None:
        super().__init__()
        self.balance = balance
        self.analytics = analytics
        self.prospects = prospects


def read_views(planner: Planner, *, ask_prospects: bool = False) -> ViewsLoaded:
    """The app's refresh job: what the balance screen shows, read in a worker thread (and,
    with ``ask_prospects``, whether there are prospects at all)."""
    if not planner.credits.has_pool():
        return ViewsLoaded(None, None)
    prospects = planner.queue.any() if ask_prospects else None
    return ViewsLoaded(planner.credits.balance(), planner.analytics.view(), prospects)


def quick_views(db: str | None, today: date, settings: Settings) -> ViewsLoaded | None:
    """The balance alone, read before the planner is imported when a SQLite file can answer
    plainly (``planner.ledger_view.quick_balance``): the balance screen's first data. None:
    the planner's first refresh brings it."""
    from inmail_tui.planner.ledger_view import quick_balance

    view = quick_balance(db, today, settings)
    return None if view is None else ViewsLoaded(view, None)


def open_planner(
    db: str | None,
    today: date,
    settings: Settings,
    clock: date | None = None,
    confirm_date: bool = False,
) -> Planner:
    """The planner on ``db``, imported here: the app module stays free of the database layers.
    ``clock`` (the computer's date, read by the CLI) guards writes dated far after it."""
    from inmail_tui.planner import Planner

    return Planner.open(db, today, settings, clock=clock, confirm_date=confirm_date)


def _screen_commands() -> type[Provider]:
    """The palette's provider, imported when the palette first opens (not before first paint)."""
    from inmail_tui.tui.palette import ScreenCommands

    return ScreenCommands


class InmailApp(App[None]):
    """``InmailApp(db, today, settings).run()``: ``db`` None means the default database."""

    TITLE = "inmail-tui"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {lambda: _screen_commands()}
    # The top-level screens, each with its own stack; queue and drafter imported when first shown.
    # The first frame is the balance's; with prospects, today's agenda follows (``_first_views``).
    DEFAULT_MODE = "balance"
    MODES: ClassVar = {
        "balance": _new_balance,
        "queue": _new_queue,
        "drafter": _new_drafter,
        "today": _new_today,
    }
    BINDINGS = declare(
        # below 90 columns the footer leaves b out (F1 and the palette keep it): four mode keys
        # and the drafter's own do not fit 80; the Today screen shows the forfeit warning
        Command(
            "app.balance",
            "b",
            "go('balance')",
            "Balance",
            "Go",
            "Show credits and ledger",
            hide_below=90,
        ),
        Command("app.queue", "q", "go('queue')", "Queue", "Go", "Show the prospect queue"),
        Command("app.drafter", "d", "go('drafter')", "Drafter", "Go", "Show the drafter"),
        Command(
            "app.today", "g", "go('today')", "Today", "Go", "Show today's agenda and spend plan"
        ),
        Command("app.help", "f1", "help", "Help", "App", "List every key and what it does"),
        Command(
            "app.palette",
            "ctrl+p",
            "command_palette",
            "Commands",
            "App",
            "Search every command available here",
            show=False,  # the footer shows it on its right
            priority=True,
        ),
        Command(
            "app.theme", "ctrl+t", "change_theme", "Theme", "App", "Pick a colour theme", show=False
        ),
        Command(
            "app.quit",
            "ctrl+q",
            "quit",
            "Quit",
            "App",
            "Leave inmail-tui",
            show=False,
            priority=True,
        ),
    )

    balance_view: reactive[BalanceView | None] = reactive(None, always_update=True)
    """The active pool as last read; screens watch it. None until loaded (or no pool yet)."""
    analytics_view: reactive[AnalyticsView | None] = reactive(None, always_update=True)
    """Outreach analytics, read after each balance view. None until then."""
    problem: reactive[str] = reactive("")
    """Why there is no data to show (the database could not be opened), or ''."""

    def __init__(
        self,
        db: str | None,
        today: date,
        settings: Settings,
        *,
        clock: date | None = None,
        confirm_date: bool = False,
    ) -> None:
        super().__init__()
        self.db = db
        self.today = today
        self.settings = settings
        self.clock = clock  # the computer's date: a write dated far after it is refused
        self.confirm_date = confirm_date  # --confirm-date: write all the same
        self._first_screen_chosen = False  # the first views picked today or the balance
        self.work = PlannerWork(
            self, lambda p: read_views(p, ask_prospects=not self._first_screen_chosen)
        )
        """Every planner job of every screen runs through it (``planner_work.py``)."""
        self.first_frame_painted = False
        self._marker: tuple[object, ...] | None = None  # the data as last shown
        self._marker_writes = 0  # our writes finished when it was read
        self._watching = False  # another session's writes are heard as they commit (PostgreSQL)
        self._watch_started = False
        self._unknown_theme = settings.theme not in self.available_themes
        if not self._unknown_theme and settings.theme != self.theme:
            self.theme = settings.theme  # (setting it re-parses the CSS: only when it differs)

    def compose(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        if self.settings.keys:
            self.set_keymap(self.settings.keys)
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        if self._unknown_theme:
            self.notify(
                f"Unknown theme {self.settings.theme!r}: using {DEFAULT_THEME}", markup=False
            )

    def on_ready(self) -> None:
        """The first frame is on the terminal: now the costly work may start.

        (Started before it, the worker's imports would hold the GIL while the frame paints.)
        """
        self.first_frame_painted = True
        self.screen.post_message(FirstFramePainted())
        self.work.open(
            lambda: open_planner(self.db, self.today, self.settings, self.clock, self.confirm_date),
            lambda: quick_views(self.db, self.today, self.settings),
        )
        self.set_interval(CHANGE_POLL_SECONDS, self._poll, name="look for changes")
        if self.settings.keys:  # every screen's commands must be known to check the keymap
            load_all()
            for key_id in unknown_key_ids(self.settings.keys):
                text = f"keys.{key_id} in the settings file names no command"
                self.notify(text, severity="warning", markup=False)
            from inmail_tui.tui.keymap import conflicts

            for conflict in conflicts(self.settings.keys):  # a remap hiding another key
                self.notify(conflict.sentence(), severity="warning", markup=False, timeout=12)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every toast: a name or a note in it is the user's text, shown through
        ``terminal_safe`` (never an escape sequence)."""
        super().notify(
            terminal_safe(message, keep_newlines=True),
            title=terminal_safe(title),
            severity=severity,
            timeout=timeout,
            markup=markup,
        )

    # -- keys ------------------------------------------------------------------------------

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's own palette commands, less the two our declared commands replace."""
        for command in super().get_system_commands(screen):
            if command.title not in {"Theme", "Quit", "Keys"}:
                yield command
        # Textual's "Keys" opens a panel that squeezes the screen: F1's list instead
        yield SystemCommand("Keys", "List every key and what it does (F1)", self.action_help)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action != "go" or not parameters:
            return True
        # "Go" to the screen you are on is not offered, nor the queue and drafter before setup.
        setting_up = self.planner is not None and self.balance_view is None and not self.problem
        return parameters[0] != self.current_mode and not (
            setting_up and parameters[0] != "balance"
        )

    async def action_go(self, mode: str) -> None:
        await self.switch_mode(mode)
        self.refresh_bindings()

    def open_drafter(self, prospect_id: int, channel: Channel | None = None) -> None:
        """Show ``prospect_id`` in the drafter (the queue's ``d``, the agenda's), on ``channel``
        (None: its decision's); asks first if unsaved."""
        from inmail_tui.tui.screens.drafter import open_drafter

        open_drafter(self, prospect_id, channel)

    async def action_quit(self) -> None:
        """Leave, unless the drafter holds unsaved text: then show it and ask first."""
        drafter = self._drafter()
        if drafter is None or not drafter.dirty:
            self.exit()
            return
        if self.current_mode != "drafter":
            await self.switch_mode("drafter")
            self.refresh_bindings()
        drafter.unless_dirty(self.exit)

    def _drafter(self) -> DrafterScreen | None:
        """The drafter mode's screen, if it was ever shown."""
        try:
            stack = self.get_screen_stack("drafter")
        except KeyError:
            return None
        from inmail_tui.tui.screens.drafter import DrafterScreen

        return next((s for s in stack if isinstance(s, DrafterScreen)), None)

    def action_help(self) -> None:
        from inmail_tui.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen, self.settings.keys))

    def _remember_theme(self, theme: Theme) -> None:
        if self.settings.path is None:
            return
        try:
            save_setting(self.settings.path, "theme", theme.name)
        except (OSError, SettingsError) as exc:
            self.notify(f"Could not save the theme: {exc}", severity="error", markup=False)

    # -- the planner ---------------------------------------------------------------------

    @property
    def planner(self) -> Planner | None:
        """The open planner, or None until it has opened (or if it could not be)."""
        return self.work.planner

    # -- another process's changes (a CLI `sent` while the app is open) ---------------------

    @property
    def live(self) -> bool:
        """Whether other sessions' writes are heard as they commit (PostgreSQL's LISTEN)."""
        return self._watching

    def _poll(self) -> None:
        if not self._watching:  # the live watch, while it runs, hears changes without polling
            self.look_for_changes()

    def _start_watching(self, planner: Planner) -> None:
        """On PostgreSQL, listen for other sessions' writes in a thread worker."""
        self.run_worker(
            partial(self._watch, planner),
            thread=True,
            group=WATCH_GROUP,
            description="listen for other sessions' writes",
            exit_on_error=False,
        )

    def _watch(self, planner: Planner) -> None:  # in the worker thread
        from textual.worker import get_current_worker

        from inmail_tui.planner.maintenance import WatchLost

        worker = get_current_worker()
        try:
            watcher = planner.maintenance.watch_changes()
        except WatchLost as lost:
            self.post_message(WatchEnded(str(lost)))
            return
        if watcher is None:
            return  # SQLite: the poll it is
        self.post_message(WatchStarted())
        reason = ""
        try:
            while not worker.is_cancelled:
                if watcher.wait(LISTEN_WAIT_SECONDS):
                    self.post_message(OutsideChange())
        except WatchLost as lost:
            reason = str(lost)
        finally:
            watcher.close()
        self.post_message(WatchEnded(reason))

    def on_outside_change(self, _message: OutsideChange) -> None:
        """Someone else's write: refresh the app and have every screen reload once."""
        self.work.write(self, lambda _planner: None)

    def on_watch_started(self, _message: WatchStarted) -> None:
        self._watching = True

    def on_watch_ended(self, message: WatchEnded) -> None:
        self._watching = False
        if message.reason:
            self.notify(
                f"Live updates stopped ({message.reason}); looking for changes every "
                f"{CHANGE_POLL_SECONDS:g} seconds instead.",
                severity="warning",
                markup=False,
            )

    def look_for_changes(self) -> None:
        """Read the database's change marker (``planner.maintenance.change_marker``); every
        few seconds, and when the terminal gives the app focus."""
        if self.work.planner is None or self.work.busy:
            return  # not open yet; or a write of ours is under way, and reloads everything
        writes = self.work.writes_done
        self.work.read(
            self,
            lambda p: MarkerRead(p.maintenance.change_marker(), writes),
            lambda read: read,
            key="app.change-marker",
        )

    def on_marker_read(self, message: MarkerRead) -> None:
        """Changed by someone else: refresh the app and have every screen reload once (an empty
        write does exactly that). Changed by our own writes, which reloaded: the new baseline."""
        if self.work.busy or message.writes_done != self.work.writes_done:
            return  # a write of ours ran since this was read: it set the baseline itself
        if message.writes_done != self._marker_writes:  # our writes since the last look
            self._marker = self.work.marker_after_write  # what the screens reloaded after
        known, self._marker = self._marker, message.marker
        self._marker_writes = message.writes_done
        if known is not None and known != message.marker:
            self.work.write(self, lambda _planner: None)

    def on_app_focus(self, _event: events.AppFocus) -> None:
        self.look_for_changes()

    async def on_views_loaded(self, message: ViewsLoaded) -> None:
        if self._marker is None:
            self.look_for_changes()  # the first views are shown: what changes after them
        if not self._watch_started and self.planner is not None:
            self._watch_started = True
            self._start_watching(self.planner)
        if message.balance is not None:
            self.balance_view = message.balance
            self.analytics_view = message.analytics
            await self._first_views(message)
            return
        from inmail_tui.tui.screens.onboarding import OnboardingScreen

        if self.planner is None or any(isinstance(s, OnboardingScreen) for s in self.screen_stack):
            return
        if self.current_mode != "balance":
            await self.switch_mode("balance")
        await self.push_screen(OnboardingScreen(self.planner.catalog))

    async def _first_views(self, message: ViewsLoaded) -> None:
        """The first views: a database with prospects goes on to the Today screen, unless the
        user already went to another screen (or opened a dialog) while it loaded."""
        if self._first_screen_chosen or message.prospects is None:
            return
        self._first_screen_chosen = True
        on_balance = self.current_mode == "balance" and len(self.screen_stack) == 1
        if message.prospects and on_balance:
            await self.switch_mode("today")
            self.refresh_bindings()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Every worker's failure, shown once: the user's to fix, or ours to report."""
        if event.state != WorkerState.ERROR:
            return
        from inmail_tui.tui.screens.error import ErrorScreen

        error = event.worker.error
        if isinstance(error, UserError | SettingsError):
            title, text = "That did not work", str(error)
        else:
            title = "Something went wrong"
            text = f"{type(error).__name__}: {error}"
        if self.planner is None:
            self.problem = f"The database could not be opened. {text}"
        self.push_screen(ErrorScreen(title, text))
