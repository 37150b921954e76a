"""Files inmail-tui writes for the user (exports, backups): private, and replaced atomically.

A file is written beside its target under a temporary name, flushed to disk, then renamed over
the target in one step: a reader sees the old file or the new one, never half of one, and a
failure (disk full, a file-size limit, an interrupt) leaves the old file as it was and no
temporary file behind. The new file is readable by its owner alone (0600), like the database.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TextIO

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


@contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """A temporary path beside ``target`` (an empty 0600 file) to write the new content to;
    when the block ends without an error it replaces ``target``, otherwise it is removed."""
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".partial")
    os.close(fd)  # mkstemp creates the file 0600
    partial = Path(name)
    try:
        yield partial
        _fsync(partial)
        os.replace(partial, target)
    except BaseException:
        with suppress(OSError):
            partial.unlink()
        raise
    _fsync_folder(target.parent)


@contextmanager
def replacing_text(target: Path, encoding: str, newline: str | None = None) -> Iterator[TextIO]:
    """:func:`replacing` for a text file written through a stream."""
    with replacing(target) as partial, partial.open("w", encoding=encoding, newline=newline) as out:
        yield out


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); where a folder cannot be opened, skip it."""
    with suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
