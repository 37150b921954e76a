"""The Textual app. Importing this package imports nothing heavy: see ``app.py``."""
