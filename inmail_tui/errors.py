"""The one exception type a user can cause anywhere: it carries a sentence saying what to do.

The CLI prints it on one line and exits 1; the TUI shows it in a modal or a toast. Lower layers
raise their own ``ValueError`` subclasses; the planner turns them into ``UserError``.
"""


class UserError(Exception):
    """Something the user can fix; ``str(error)`` is the sentence to show."""
