"""The data archive in the core: its cells (dates, names), recognising its files by their
headers, and the pure reconcile (matching within a day, idempotent on its own output)."""

from __future__ import annotations

import zipfile
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inmail_tui.core.archive.files import ArchiveKind, read_archive, recognise, sniff_archive
from inmail_tui.core.archive.reconcile import Known, KnownTouch, reconcile
from inmail_tui.core.archive.rows import load, parse_sent_at, parse_timestamp, repair
from inmail_tui.core.archive.synthetic import mojibake, synthetic_archive
from inmail_tui.core.model import Status
from tests.archive_data import PRIYA, SAMPLE, sample_folder

TODAY = date(2026, 11, 1)


class TestCells:
    @pytest.mark.parametrize(
        ("cell", "day"),
        [
            ("1/29/26, 2:37 PM", date(2026, 1, 29)),
            ("12/31/2025, 11:59 PM", date(2025, 12, 31)),
            ("9/2/26", date(2026, 9, 2)),
            ("2026-03-04", date(2026, 3, 4)),
        ],
    )
    def test_sent_at_reads_month_first(self, cell: str, day: date) -> None:
        assert parse_sent_at(cell) == day

    @pytest.mark.parametrize("cell", ["", "yesterday", "13/45/26, 1:00 AM", "1/1/99999999999"])
    def test_a_sent_at_that_is_not_a_date_is_refused(self, cell: str) -> None:
        with pytest.raises(ValueError):
            parse_sent_at(cell)

    def test_a_message_date_reads_with_or_without_utc(self) -> None:
        assert parse_timestamp("2026-06-11 15:33:58 UTC").date() == date(2026, 6, 11)
        assert parse_timestamp("2026-06-11T15:33:58").hour == 15
        with pytest.raises(ValueError):
            parse_timestamp("11/06/2026")

    @pytest.mark.parametrize("name", ["Chloé Dubois", "Thảo Nguyễn", "Søren Çelik", "Zoë 🚀"])
    def test_mojibake_is_repaired_and_good_names_are_kept(self, name: str) -> None:
        assert repair(mojibake(name)) == name
        assert repair(name) == name
        assert repair("  Ann Lee ") == "Ann Lee"


class TestFiles:
    def test_each_file_is_recognised_by_its_header_with_bom_crlf_and_semicolons(self) -> None:
        for name, kind in [
            ("messages.csv", ArchiveKind.MESSAGES),
            ("Invitations.csv", ArchiveKind.INVITATIONS),
            ("Connections.csv", ArchiveKind.CONNECTIONS),
            ("Profile.csv", ArchiveKind.PROFILE),
        ]:
            text = (SAMPLE / name).read_text("utf-8")
            windows = text.replace(",", ";").replace("\n", "\r\n")
            for data in (text.encode(), windows.encode("utf-8-sig")):
                found = recognise(data, "renamed.csv")
                assert found is not None and found.kind is kind, name

    def test_what_is_sniffed_as_an_archive(self, tmp_path: Path) -> None:
        folder = sample_folder(tmp_path / "unzipped")
        assert sniff_archive(folder)
        assert sniff_archive(folder / "messages.csv")
        assert sniff_archive(folder / "Invitations.csv")
        assert not sniff_archive(folder / "Connections.csv")  # a prospect import
        workbook = tmp_path / "leads.xlsx"  # a ZIP without CSV files: not an archive
        with zipfile.ZipFile(workbook, "w") as book:
            book.writestr("xl/workbook.xml", "<workbook/>")
        assert not sniff_archive(workbook)

    def test_other_files_of_the_archive_are_skipped(self, tmp_path: Path) -> None:
        path = tmp_path / "Complete_LinkedInDataExport_11-01-2026.zip"
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("Rich_Media.csv", "Date/Time,Media Description,Media Link\n")
            archive.writestr("Profile.csv", (SAMPLE / "Profile.csv").read_bytes())
            archive.writestr("notes.txt", "hello")
        assert [file.kind for file in read_archive(path)] == [ArchiveKind.PROFILE]


def _known_from(plan_touches: list[tuple[str, Status, date]]) -> dict[str, Known]:
    by_url: dict[str, list[KnownTouch]] = defaultdict(list)
    for url, status, on in plan_touches:
        by_url[url].append(KnownTouch(status, on, from_archive=True))
    return {url: Known(touches=tuple(found)) for url, found in by_url.items()}


class TestReconcile:
    def test_a_send_marked_by_hand_a_day_off_is_matched(self, tmp_path: Path) -> None:
        archive = load(read_archive(sample_folder(tmp_path / "a")))
        for offset in (-1, 0, 1):
            marked = date(2026, 10, 2 + offset)
            known = {PRIYA: Known(touches=(KnownTouch(Status.INMAIL_SENT, marked, False),))}
            plan = reconcile(archive, known, TODAY)
            assert [t.status for t in plan.touches if t.url == PRIYA] == [Status.REPLIED]
            assert [f.spend_missing for f in plan.inmails if f.url == PRIYA] == [False]
        two_days = {
            PRIYA: Known(touches=(KnownTouch(Status.INMAIL_SENT, date(2026, 10, 4), False),))
        }
        plan = reconcile(archive, two_days, TODAY)
        assert Status.INMAIL_SENT in [t.status for t in plan.touches if t.url == PRIYA]

    def test_nothing_after_today_is_recorded(self, tmp_path: Path) -> None:
        archive = load(read_archive(sample_folder(tmp_path / "a")))
        plan = reconcile(archive, {}, date(2026, 10, 3))
        assert all(touch.on <= date(2026, 10, 3) for touch in plan.touches)
        assert plan.ignored["future"] == 4  # Mateus, the group, the sponsored one, Rania

    @settings(max_examples=8, deadline=None)
    @given(
        seed=st.integers(0, 10_000), messages=st.integers(0, 120), invitations=st.integers(1, 40)
    )
    def test_reconciling_its_own_output_again_adds_nothing(
        self, seed: int, messages: int, invitations: int
    ) -> None:
        made = synthetic_archive(messages, invitations, seed)
        files = []
        for name, text in made.files.items():
            found = recognise(text.encode(), name)
            assert found is not None
            files.append(found)
        archive = load(files)
        today = date(2027, 1, 1)
        first = reconcile(archive, {}, today)
        touched = [(t.url, t.status, t.on) for t in first.touches]
        again = reconcile(archive, _known_from(touched), today)
        assert again.touches == []
        assert again.matched == len(first.touches) + first.matched
        assert first.invitations_sent == made.expected.invitations_sent
        assert len(first.inmails) == made.expected.inmails


_CELLS = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00"), max_size=30)
_URLS = st.one_of(
    _CELLS,
    st.sampled_from(["linkedin.com/in/ann", "https://www.linkedin.com/in/sam-rivera-owner", ""]),
)


@settings(max_examples=40, deadline=None)
@given(
    rows=st.lists(
        st.tuples(
            st.sampled_from(["c1", "c2", ""]),
            _CELLS,
            _URLS,
            st.lists(_URLS, max_size=3).map(";".join),
            st.one_of(_CELLS, st.just("2026-10-02 09:00:00 UTC"), st.just("9999-01-01 00:00:00")),
            _CELLS,
        ),
        max_size=12,
    ),
    invitations=st.lists(
        st.tuples(_URLS, _URLS, st.one_of(_CELLS, st.just("1/29/26, 2:37 PM")), _CELLS),
        max_size=6,
    ),
)
def test_any_cells_are_read_or_refused_in_a_sentence(
    rows: list[tuple[str, str, str, str, str, str]],
    invitations: list[tuple[str, str, str, str]],
) -> None:
    """Hostile cells in messages.csv and Invitations.csv: each row is read or is a row error,
    and the reconcile gives a plan or a sentence (``ImportFormatError``), never a traceback."""
    from inmail_tui.core.importing.layout import ImportFormatError
    from tests.archive_data import INVITATIONS_HEADER, MESSAGES_HEADER

    def text(header: tuple[str, ...], body: list[tuple[str, ...]]) -> bytes:
        import csv as _csv
        import io as _io

        out = _io.StringIO(newline="")
        writer = _csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(body)
        return out.getvalue().encode("utf-8")

    messages = [
        (conv, "", name, sender, "x", recipients, at, subject, "", "INBOX", "")
        for conv, name, sender, recipients, at, subject in rows
    ]
    sent = [("a", "b", at, "", direction, a, b) for a, b, at, direction in invitations]
    files = [
        found
        for data, name in (
            (text(MESSAGES_HEADER, messages), "messages.csv"),
            (text(INVITATIONS_HEADER, sent), "Invitations.csv"),
        )
        if (found := recognise(data, name)) is not None
    ]
    archive = load(files)
    assert all(error.line >= 2 and error.message for error in archive.errors)
    try:
        reconcile(archive, {}, TODAY)
    except ImportFormatError as error:
        assert str(error).startswith("Cannot tell whose archive this is")
