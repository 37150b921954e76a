"""Widgets of the balance screen (and, later, the others)."""
