"""The base of every error a user can cause and fix; its message is the sentence to show.

Each layer raises its own subclass (a ledger rule, a plan setting, an import file, a status
change, the database); the planner turns any of them into ``inmail_tui.errors.UserError``
without having to import every module that defines one.
"""


class DomainError(ValueError):
    """Something the user asked for cannot be done as asked; ``str(error)`` says why."""
