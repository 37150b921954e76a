"""Persistence: SQLModel tables, the engine factory, schema versions, queries, CSV import/export.

Knows ``inmail_tui.core``; never imports the TUI.
"""
