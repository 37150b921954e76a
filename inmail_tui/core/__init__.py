"""The pure domain of inmail-tui: plans, ledger, rules, drafting checks.

Nothing in this package imports Textual, SQLAlchemy or SQLModel (an import-linter contract keeps
it so), and nothing reads the clock: "today" is always a parameter.
"""
