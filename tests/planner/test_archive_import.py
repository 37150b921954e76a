"""Importing LinkedIn's data archive through the planner: the touches, statuses, prospects and
ledger entries it leaves, for a ZIP, a folder, a Windows copy and its files alone; a second
import changes nothing; a send marked by hand is matched, not recorded twice."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from inmail_tui.core.archive.synthetic import synthetic_archive
from inmail_tui.core.model import Channel, EventKind, Status
from inmail_tui.errors import UserError
from inmail_tui.planner import Planner
from inmail_tui.planner.archive_summary import ArchiveResult
from inmail_tui.settings import Settings
from inmail_tui.store import touches
from tests.archive_data import (
    CHLOE_D,
    CHLOE_S,
    GIORGOS,
    INVITATIONS_HEADER,
    MATEUS,
    MESSAGES_HEADER,
    NNAMDI,
    OWNER,
    PRIYA,
    RANIA,
    THAO,
    message,
    sample_folder,
    sample_zip,
    windows_copy,
    write_csv,
)

SET_UP = date(2026, 9, 1)
TODAY = date(2026, 11, 1)
BODY = "Hi Priya, your post on last-mile costs stuck with me. Is re-delivery a priority this year?"


def planner_on(db: Path | str, today: date = TODAY) -> Planner:
    return Planner.open(db, today, Settings())


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """Recruiter Lite (credit-back within 90 days on a reply), 20 credits on 1 Sep 2026."""
    path = tmp_path / "inmail.sqlite"
    planner_on(path, SET_UP).credits.set_plan("recruiter_lite", renewal_day=1, balance=20)
    return path


def archive_import(
    db: Path | str, path: Path, today: date = TODAY, **options: bool
) -> ArchiveResult:
    result = planner_on(db, today).transfer.import_file(path, **options)  # type: ignore[arg-type]
    assert isinstance(result, ArchiveResult)
    return result


def history(db: Path | str, url: str) -> list[tuple[str, date, str | None]]:
    planner = planner_on(db)
    row = planner.queue.prospect(url).row
    with planner.ctx.read() as conn:
        return [(t.kind, t.on, t.channel) for t in touches.touches(conn, row.id)]


def state(db: Path | str) -> tuple[int, int, list[tuple[str, str]], int]:
    """Counts of touches and ledger entries, every prospect's status, and the balance."""
    planner = planner_on(db)
    with planner.ctx.read() as conn:
        count = sum(len(touches.touches(conn, i)) for i in range(1, 2000))
    items = planner.queue.iter_items(planner_query())
    statuses = sorted((item.row.url, item.row.status) for item in items)
    view = planner.credits.balance()
    return count, len(view.history), statuses, view.balance


def planner_query():  # type: ignore[no-untyped-def]
    from inmail_tui.planner.queue import QueueQuery

    return QueueQuery(sort="name", descending=False)


def spends(db: Path | str) -> list[tuple[EventKind, date, str | None]]:
    return [
        (e.kind, e.on, e.ref)
        for e in planner_on(db).credits.balance().history
        if e.kind in (EventKind.SPEND, EventKind.CREDIT_BACK)
    ]


SAMPLE_HISTORIES = {
    PRIYA: [("inmail_sent", date(2026, 10, 2), "inmail"), ("replied", date(2026, 10, 4), None)],
    THAO: [
        ("connection_requested", date(2026, 9, 22), "connect"),
        ("inmail_sent", date(2026, 10, 3), "inmail"),
    ],
    MATEUS: [("messaged", date(2026, 10, 5), "message")],
    NNAMDI: [
        ("connection_requested", date(2025, 7, 20), "connect"),
        ("connected", date(2025, 7, 27), None),
    ],
    RANIA: [("connection_requested", date(2026, 10, 10), "connect")],
    CHLOE_S: [],  # only in the group conversation: never an InMail, no touch
    GIORGOS: [],
}


class TestTheSampleArchive:
    @pytest.mark.parametrize("shape", ["zip", "zip in a folder", "folder", "windows copy"])
    def test_every_shape_gives_the_same_touches_and_statuses(
        self, db: Path, tmp_path: Path, shape: str
    ) -> None:
        source = {
            "zip": lambda: sample_zip(tmp_path / "Basic_LinkedInDataExport_11-01-2026.zip"),
            "zip in a folder": lambda: sample_zip(tmp_path / "export.zip", folder="Basic/"),
            "folder": lambda: sample_folder(tmp_path / "unzipped"),
            "windows copy": lambda: windows_copy(tmp_path / "saved-by-excel"),
        }[shape]()
        result = archive_import(db, source)
        assert result.owner == OWNER
        assert (result.invitations_sent, result.invitations_accepted) == (3, 1)
        assert (result.inmails_sent, result.inmails_answered, result.replies) == (2, 1, 1)
        assert result.errors == []
        for url, expected in SAMPLE_HISTORIES.items():
            assert history(db, url) == expected, url
        planner = planner_on(db)
        status = {url: planner.queue.prospect(url).row.status for url in SAMPLE_HISTORIES}
        assert status == {
            PRIYA: Status.REPLIED,
            THAO: Status.INMAIL_SENT,
            MATEUS: Status.MESSAGED,
            NNAMDI: Status.CONNECTED,
            RANIA: Status.CONNECT_REQUESTED,
            CHLOE_S: Status.NEW,
            GIORGOS: Status.NEW,
        }
        with pytest.raises(UserError):  # wrote first, not a prospect: not added
            planner.queue.prospect(CHLOE_D)
        assert planner.queue.prospect(PRIYA).row.full_name == "Priya Andersson"  # a new person
        assert result.ignored == {
            "group": 1,
            "sponsored": 1,
            "stranger": 1,
            "invitation_received": 1,
        }

    def test_inmails_missing_from_the_ledger_are_listed_and_not_spent(
        self, db: Path, tmp_path: Path
    ) -> None:
        before = planner_on(db).credits.balance().balance
        result = archive_import(db, sample_zip(tmp_path / "a.zip"))
        assert [(s.name, s.on, s.subject) for s in result.spends] == [
            ("Priya Andersson", date(2026, 10, 2), "Re-delivery costs at Initech"),
            ("Thảo Okafor", date(2026, 10, 3), "Hiring SREs at Globex"),
        ]
        assert result.spends_applied == 0
        assert spends(db) == []
        assert planner_on(db).credits.balance().balance == before

    def test_apply_spends_records_them_on_their_dates_and_the_reply_gives_one_back(
        self, db: Path, tmp_path: Path
    ) -> None:
        before = planner_on(db).credits.balance().balance
        result = archive_import(db, sample_zip(tmp_path / "a.zip"), apply_spends=True)
        assert (result.spends_applied, result.credit_backs) == (2, 1)
        assert sorted(spends(db), key=lambda s: s[1]) == [
            (EventKind.SPEND, date(2026, 10, 2), PRIYA),
            (EventKind.SPEND, date(2026, 10, 3), THAO),
            (EventKind.CREDIT_BACK, date(2026, 10, 4), PRIYA),  # replied within 90 days
        ]
        assert planner_on(db).credits.balance().balance == before - 1

    def test_apply_spends_after_a_plain_import_still_records_them(
        self, db: Path, tmp_path: Path
    ) -> None:
        source = sample_zip(tmp_path / "a.zip")
        archive_import(db, source)
        again = archive_import(db, source, apply_spends=True)
        assert (again.touches_added, again.spends_applied, again.credit_backs) == (0, 2, 1)

    def test_a_second_import_changes_nothing(self, db: Path, tmp_path: Path) -> None:
        source = sample_zip(tmp_path / "a.zip")
        archive_import(db, source, apply_spends=True)
        before = state(db)
        again = archive_import(db, source, apply_spends=True)
        assert state(db) == before
        assert (again.prospects_added, again.touches_added, again.touches_matched) == (0, 0, 8)
        assert (again.spends, again.spends_applied, again.credit_backs) == ([], 0, 0)

    def test_a_dry_run_reports_and_writes_nothing(self, db: Path, tmp_path: Path) -> None:
        before = state(db)
        result = archive_import(db, sample_zip(tmp_path / "a.zip"), dry_run=True, apply_spends=True)
        assert (result.dry_run, result.prospects_added, result.touches_added) == (True, 15, 8)
        assert (result.spends_applied, result.credit_backs) == (2, 1)
        assert state(db) == before

    def test_spends_the_balance_cannot_pay_are_refused_with_nothing_written(
        self, tmp_path: Path
    ) -> None:
        db = tmp_path / "poor.sqlite"
        planner_on(db, TODAY).credits.set_plan("recruiter_lite", renewal_day=1, balance=1)
        with pytest.raises(UserError, match=r"below 0 .*nothing was written"):
            archive_import(db, sample_zip(tmp_path / "a.zip"), apply_spends=True)
        assert planner_on(db).queue.total() == 0
        assert spends(db) == []


class TestMatchingWhatWasMarkedByHand:
    def test_a_send_marked_by_hand_then_the_archive_is_one_touch(
        self, db: Path, tmp_path: Path
    ) -> None:
        leads = tmp_path / "leads.csv"
        leads.write_text(f"Profile URL,Full Name,Degree\n{PRIYA},Priya Andersson,2nd\n", "utf-8")
        sent_on = date(2026, 10, 3)  # marked a day late: still the same send
        by_hand = planner_on(db, sent_on)
        by_hand.transfer.import_file(leads)
        by_hand.outreach.mark_sent(PRIYA, Channel.INMAIL, "Re-delivery costs at Initech", BODY)
        result = archive_import(db, sample_zip(tmp_path / "a.zip"), apply_spends=True)
        assert history(db, PRIYA) == [
            ("inmail_sent", sent_on, "inmail"),
            ("replied", date(2026, 10, 4), None),
        ]
        assert [s.url for s in result.spends] == [THAO]  # Priya's was spent by hand
        assert sorted(spends(db), key=lambda s: (s[1], str(s[2]))) == [
            (EventKind.SPEND, date(2026, 10, 3), PRIYA),  # by hand
            (EventKind.SPEND, date(2026, 10, 3), THAO),
            (EventKind.CREDIT_BACK, date(2026, 10, 4), PRIYA),  # the archive's reply
        ]

    def test_a_reply_marked_by_hand_is_not_recorded_again(self, db: Path, tmp_path: Path) -> None:
        source = sample_zip(tmp_path / "a.zip")
        archive_import(db, source, today=date(2026, 10, 3))  # before the reply came
        assert planner_on(db).queue.prospect(PRIYA).row.status == Status.INMAIL_SENT
        planner_on(db, date(2026, 10, 5)).outreach.mark(
            [planner_on(db).queue.prospect(PRIYA).row.id], Status.REPLIED
        )
        archive_import(db, source)
        assert [kind for kind, _, _ in history(db, PRIYA)] == ["inmail_sent", "replied"]

    def test_do_not_contact_stays_whatever_the_archive_says(self, db: Path, tmp_path: Path) -> None:
        leads = tmp_path / "leads.csv"
        leads.write_text(f"Profile URL,Full Name\n{RANIA},Rania Khalil\n", "utf-8")
        planner = planner_on(db, date(2026, 10, 1))
        planner.transfer.import_file(leads)
        planner.outreach.mark([planner.queue.prospect(RANIA).row.id], Status.DO_NOT_CONTACT)
        archive_import(db, sample_zip(tmp_path / "a.zip"))
        assert planner_on(db).queue.prospect(RANIA).row.status == Status.DO_NOT_CONTACT
        assert history(db, RANIA)[-1][0] == "connection_requested"  # it happened all the same


class TestPartsOfTheArchive:
    def test_an_archive_without_messages_reconciles_the_invitations(
        self, db: Path, tmp_path: Path
    ) -> None:
        files = ("Invitations.csv", "Connections.csv", "Profile.csv")
        result = archive_import(db, sample_zip(tmp_path / "a.zip", files=files))
        assert result.files == ["Invitations.csv", "Connections.csv", "Profile.csv"]
        assert (result.invitations_sent, result.invitations_accepted) == (3, 1)
        assert result.inmails_sent == 0
        assert history(db, NNAMDI) == SAMPLE_HISTORIES[NNAMDI]
        assert history(db, THAO) == [("connection_requested", date(2026, 9, 22), "connect")]

    def test_messages_csv_alone_is_found_by_auto_and_uses_what_the_database_knows(
        self, db: Path, tmp_path: Path
    ) -> None:
        folder = sample_folder(tmp_path / "unzipped")
        planner_on(db).transfer.import_file(folder / "Connections.csv")  # a prospect import
        result = archive_import(db, folder / "messages.csv")
        assert result.files == ["messages.csv"]
        assert history(db, MATEUS) == SAMPLE_HISTORIES[MATEUS]  # a connection: a message
        assert history(db, PRIYA) == SAMPLE_HISTORIES[PRIYA]
        invitations = archive_import(db, folder / "Invitations.csv")
        assert invitations.files == ["Invitations.csv"]
        assert history(db, NNAMDI) == SAMPLE_HISTORIES[NNAMDI]  # Connected On from the database

    def test_a_folder_with_none_of_the_files_is_refused_in_a_sentence(
        self, db: Path, tmp_path: Path
    ) -> None:
        (tmp_path / "empty").mkdir()
        with pytest.raises(UserError, match="none of the data archive's files"):
            planner_on(db).transfer.import_file(tmp_path / "empty")


CHLOE = ("ChloÃ© Dubois", "https://www.linkedin.com/in/chloe-dubois-x9")
SAM = ("Sam Rivera", OWNER)


class TestConversations:
    def test_a_mojibake_name_is_repaired(self, db: Path, tmp_path: Path) -> None:
        rows = [message("c1", SAM, [CHLOE], "2026-10-02 09:00:00 UTC", "Your logistics team")]
        write_csv(tmp_path / "messages.csv", MESSAGES_HEADER, rows)
        write_csv(
            tmp_path / "Invitations.csv",
            INVITATIONS_HEADER,
            [
                (
                    "Sam Rivera",
                    "Ana",
                    "1/29/26, 2:37 PM",
                    "",
                    "OUTGOING",
                    OWNER,
                    "linkedin.com/in/ana",
                )
            ],
        )
        result = archive_import(db, tmp_path)
        assert planner_on(db).queue.prospect(CHLOE[1]).row.full_name == "Chloé Dubois"
        assert [s.name for s in result.spends] == ["Chloé Dubois"]

    def test_a_group_conversation_is_never_an_inmail(self, db: Path, tmp_path: Path) -> None:
        ann, bob = ("Ann", "linkedin.com/in/ann"), ("Bob", "linkedin.com/in/bob")
        cy = ("Cy", "linkedin.com/in/cy")
        rows = [
            message("g", SAM, [ann, bob], "2026-10-02 09:00:00 UTC", "Q4 planning"),
            message("g", ann, [SAM, bob], "2026-10-03 09:00:00 UTC"),
            message("one", SAM, [cy], "2026-10-04 09:00:00 UTC", "Just you"),
        ]
        result = archive_import(db, write_csv(tmp_path / "messages.csv", MESSAGES_HEADER, rows))
        assert result.ignored == {"group": 2}
        assert (result.inmails_sent, [s.name for s in result.spends]) == (1, ["Cy"])
        assert history(db, "https://www.linkedin.com/in/cy") == [
            ("inmail_sent", date(2026, 10, 4), "inmail")
        ]
        for url in ("https://www.linkedin.com/in/ann", "https://www.linkedin.com/in/bob"):
            with pytest.raises(UserError):  # only in the group: not added
                planner_on(db).queue.prospect(url)

    def test_a_message_without_a_subject_or_to_a_connection_is_a_message(
        self, db: Path, tmp_path: Path
    ) -> None:
        ann, bob = ("Ann", "linkedin.com/in/ann"), ("Bob", "linkedin.com/in/bob")
        rows = [
            message("a", SAM, [ann], "2026-10-02 09:00:00 UTC"),  # no subject
            message("b", SAM, [bob], "2026-10-02 09:00:00 UTC", "A subject"),
            message("a", ann, [SAM], "2026-10-05 09:00:00 UTC"),
            message("a", ann, [SAM], "2026-10-06 09:00:00 UTC"),  # not a second reply
        ]
        folder = tmp_path / "archive"
        folder.mkdir()
        write_csv(folder / "messages.csv", MESSAGES_HEADER, rows)
        (folder / "Connections.csv").write_text(
            "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
            "Bob,Ray,https://www.linkedin.com/in/bob,,Acme,CTO,01 Jan 2020\n",
            "utf-8",
        )
        result = archive_import(db, folder)
        assert history(db, "https://www.linkedin.com/in/ann") == [
            ("messaged", date(2026, 10, 2), "message"),
            ("replied", date(2026, 10, 5), None),
        ]
        assert history(db, "https://www.linkedin.com/in/bob") == [
            ("messaged", date(2026, 10, 2), "message")
        ]
        assert (result.inmails_sent, result.ignored) == (0, {"further": 1})

    def test_two_people_in_the_only_conversation_take_the_owner_from_profile_csv(
        self, db: Path, tmp_path: Path
    ) -> None:
        ann = ("Ann Lee", "linkedin.com/in/ann")
        rows = [message("c", SAM, [ann], "2026-10-02 09:00:00 UTC", "Hello Ann")]
        write_csv(tmp_path / "messages.csv", MESSAGES_HEADER, rows)
        with pytest.raises(UserError, match="Cannot tell whose archive this is"):
            archive_import(db, tmp_path / "messages.csv")
        sample_folder(tmp_path, files=("Profile.csv",))
        result = archive_import(db, tmp_path)
        assert result.owner == OWNER
        assert "Profile.csv names Sam Rivera" in result.owner_how


class TestABigArchive:
    @pytest.mark.parametrize("database", ["sqlite", "postgresql"])
    def test_the_counts_match_and_a_second_import_is_a_no_op(
        self, tmp_path: Path, database: str, request: pytest.FixtureRequest
    ) -> None:
        db: Path | str = tmp_path / "big.sqlite"
        if database == "postgresql":
            db = request.getfixturevalue("pg_url")
        planner_on(db, SET_UP).credits.set_plan("recruiter_lite", renewal_day=1, balance=120)
        made = synthetic_archive(messages=900, invitations=300, seed=7)
        source = made.write_zip(tmp_path / "Complete_LinkedInDataExport_12-01-2026.zip")
        today = date(2026, 12, 1)
        result = archive_import(db, source, today)
        expected = made.expected
        assert (result.invitations_sent, result.invitations_accepted) == (
            expected.invitations_sent,
            expected.invitations_accepted,
        )
        assert (result.inmails_sent, result.inmails_answered) == (
            expected.inmails,
            expected.inmails_answered,
        )
        assert result.ignored["group"] == expected.group_rows
        assert result.ignored["sponsored"] == expected.sponsored_rows
        assert result.ignored["stranger"] == expected.stranger_rows
        assert len(result.spends) == expected.inmails
        before = state(db)
        again = archive_import(db, source, today)
        assert (again.touches_added, again.prospects_added, again.prospects_updated) == (0, 0, 0)
        assert state(db) == before


def test_a_send_goes_through_while_a_dry_run_of_an_archive_reads(db: Path, tmp_path: Path) -> None:
    leads = tmp_path / "leads.csv"
    leads.write_text(f"Profile URL,Full Name,Degree\n{RANIA},Rania Khalil,2nd\n", "utf-8")
    planner_on(db).transfer.import_file(leads)
    before = planner_on(db).credits.balance().balance
    sent: list[int | None] = []
    ticks: list[int] = []

    def meanwhile(done: int, total: int) -> None:
        ticks.append(done)
        if len(ticks) == 3:  # read, then reconciled inside the dry run's transaction
            result = planner_on(db).outreach.mark_sent(RANIA, Channel.INMAIL, "Hiring", BODY)
            sent.append(result.balance_after)

    result = planner_on(db).transfer.import_file(
        sample_zip(tmp_path / "a.zip"), dry_run=True, progress=meanwhile
    )
    assert sent == [before - 1]
    assert len(ticks) == 4 and ticks[0] < ticks[1] < ticks[2] < ticks[3]
    assert isinstance(result, ArchiveResult) and result.dry_run
    assert planner_on(db).queue.total() == 1  # the dry run wrote nothing


def test_a_send_marked_a_day_late_answered_the_same_day_still_credits_back(
    db: Path, tmp_path: Path
) -> None:
    ann = ("Ann Lee", "https://www.linkedin.com/in/ann")
    sam = ("Sam Rivera", OWNER)
    rows = [
        message("c", sam, [ann], "2026-10-02 09:00:00 UTC", "Hiring plans"),
        message("c", ann, [sam], "2026-10-02 17:00:00 UTC"),  # the same day
        message("d", sam, [("Cy", "linkedin.com/in/cy")], "2026-10-02 10:00:00 UTC"),
    ]
    source = write_csv(tmp_path / "messages.csv", MESSAGES_HEADER, rows)
    leads = tmp_path / "leads.csv"
    leads.write_text(f"Profile URL,Full Name,Degree\n{ann[1]},Ann Lee,2nd\n", "utf-8")
    late = planner_on(db, date(2026, 10, 3))
    late.transfer.import_file(leads)
    late.outreach.mark_sent(ann[1], Channel.INMAIL, "Hiring plans", BODY)
    result = archive_import(db, source)
    assert result.credit_backs == 1
    assert history(db, ann[1]) == [  # the reply is not dated before the send as marked
        ("inmail_sent", date(2026, 10, 3), "inmail"),
        ("replied", date(2026, 10, 3), None),
    ]
    assert planner_on(db).queue.prospect(ann[1]).row.status == Status.REPLIED
