"""inmail-tui."""
