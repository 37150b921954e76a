"""LinkedIn data archives for the tests: the small sample (``tests/data/archive``: Sam Rivera's
archive, one row of each kind) as a ZIP, as a folder, and as a copy saved again by Excel on
Windows (BOM, CRLF, ``;``), and CSV files written from rows."""

from __future__ import annotations

import csv
import io
import shutil
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from inmail_tui.core.archive.synthetic import INVITATIONS_HEADER, MESSAGES_HEADER

__all__ = ["INVITATIONS_HEADER", "MESSAGES_HEADER"]

SAMPLE = Path(__file__).parent / "data" / "archive"
FILES = ("messages.csv", "Invitations.csv", "Connections.csv", "Profile.csv")
OWNER = "https://www.linkedin.com/in/sam-rivera-owner"
PRIYA = "https://www.linkedin.com/in/sample-lead-00"  # an InMail, answered two days later
THAO = "https://www.linkedin.com/in/sample-lead-01"  # invited, then an InMail, no answer
MATEUS = "https://www.linkedin.com/in/mateus-costa-s00"  # a connection: a message
NNAMDI = "https://www.linkedin.com/in/nnamdi-nguyễn-s02"  # invited, then connected
RANIA = "https://www.linkedin.com/in/rania-khalil-z2"  # invited, no answer yet
CHLOE_S = "https://www.linkedin.com/in/chloé-sokolov-s01"  # in the group conversation
GIORGOS = "https://www.linkedin.com/in/giorgos-nagy-s03"  # in the group conversation
CHLOE_D = "https://www.linkedin.com/in/chloe-dubois-x9"  # wrote first, not a prospect


def sample_folder(target: Path, files: Sequence[str] = FILES) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for name in files:
        shutil.copy(SAMPLE / name, target / name)
    return target


def sample_zip(path: Path, files: Sequence[str] = FILES, folder: str = "") -> Path:
    """The sample as LinkedIn sends it (optionally inside a folder of the ZIP)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in files:
            archive.write(SAMPLE / name, folder + name)
    return path


def windows_copy(target: Path, files: Sequence[str] = FILES) -> Path:
    """Each file opened and saved again by Excel on Windows: UTF-8 with a BOM, CRLF, ``;``."""
    target.mkdir(parents=True, exist_ok=True)
    for name in files:
        with open(SAMPLE / name, encoding="utf-8", newline="") as source:
            rows = list(csv.reader(source))
        out = io.StringIO(newline="")
        csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
        (target / name).write_text(out.getvalue(), encoding="utf-8-sig", newline="")
    return target


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[str]]) -> Path:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def message(
    conversation: str,
    sender: tuple[str, str],
    recipients: Sequence[tuple[str, str]],
    at: str,
    subject: str = "",
) -> tuple[str, ...]:
    """A row of messages.csv: (name, url) of the sender and of each recipient."""
    names = ", ".join(name for name, _ in recipients)
    urls = ";".join(url for _, url in recipients)
    return (conversation, "", sender[0], sender[1], names, urls, at, subject, "Hello.", "INBOX", "")
