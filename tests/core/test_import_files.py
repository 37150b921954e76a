"""Import files as they arrive: Excel's encodings and separators, broken rows, files that are not
CSV at all, and progress on big files."""

from __future__ import annotations

import codecs
import zipfile
from io import BytesIO
from pathlib import Path

import pytest

from inmail_tui.core.importing import ImportFormat, ImportFormatError, RowError, open_import
from inmail_tui.core.model import Degree, ProspectRecord

DATA = Path(__file__).resolve().parent.parent / "data"
SAMPLES = ("Connections.csv", "salesnav-phantombuster.csv")


def items_of(source: bytes | Path, format: str = "auto") -> list[ProspectRecord | RowError]:
    with open_import(source, format) as reader:
        return list(reader)


def excel(text: str, *, delimiter: str = ";", encoding: str = "utf-8-sig") -> bytes:
    """``text`` (a comma-separated file without commas inside cells) as Excel saves it."""
    body = text.replace(",", delimiter).replace("\n", "\r\n")
    return body.encode(encoding)


def crlf(data: bytes) -> bytes:
    return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def comparable(items: list[ProspectRecord | RowError]) -> list[object]:
    return [item for item in items if isinstance(item, RowError)] + [
        (item.url, item.full_name, item.company, item.degree, item.open_profile, item.line)
        for item in items
        if isinstance(item, ProspectRecord)
    ]


@pytest.mark.parametrize("name", SAMPLES)
@pytest.mark.parametrize(
    "variant",
    [
        pytest.param(lambda b: codecs.BOM_UTF8 + b, id="bom"),
        pytest.param(lambda b: crlf(b), id="crlf"),
        pytest.param(lambda b: crlf(b).replace(b"\r\n", b"\n"), id="lf"),
        pytest.param(lambda b: codecs.BOM_UTF8 + crlf(b), id="bom-crlf"),
        pytest.param(lambda b: b.decode().encode("utf-16"), id="utf16"),
    ],
)
def test_excel_saved_samples_import_the_same(name: str, variant: object) -> None:
    original = (DATA / name).read_bytes()
    assert callable(variant)
    assert comparable(items_of(variant(original))) == comparable(items_of(original))


@pytest.mark.parametrize("delimiter", [";", "\t", "|"])
def test_other_separators_are_sniffed_from_the_header(delimiter: str) -> None:
    text = (
        "Notes:\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Zoë,Lee,https://www.linkedin.com/in/zoë-lee,,Acme GmbH,CTO,01 Feb 2024\n"
    )
    with open_import(excel(text, delimiter=delimiter)) as reader:
        assert reader.format is ImportFormat.CONNECTIONS
        assert reader.delimiter == delimiter
        (row,) = list(reader)
    assert isinstance(row, ProspectRecord)
    assert (row.first_name, row.url, row.line) == ("Zoë", "https://www.linkedin.com/in/zoë-lee", 4)


def test_semicolon_file_keeps_commas_inside_cells() -> None:
    raw = b'URL;Company;Name\r\nlinkedin.com/in/a;"Globex, Inc.";"Doe; Jane"\r\n'
    (row,) = items_of(raw)
    assert isinstance(row, ProspectRecord)
    assert (row.company, row.full_name) == ("Globex, Inc.", "Doe; Jane")


@pytest.mark.parametrize(("encoding", "expected"), [("cp1252", "cp1252"), ("latin-1", "cp1252")])
def test_windows_and_latin1_files_are_decoded(encoding: str, expected: str) -> None:
    raw = "LinkedIn URL;Name;Company\nlinkedin.com/in/zoe;Zoë Müller;Café €uro\n"
    data = raw.encode(encoding, errors="replace")
    with open_import(data) as reader:
        assert reader.encoding == expected
        (row,) = list(reader)
    assert isinstance(row, ProspectRecord)
    assert row.full_name == "Zoë Müller"


def test_latin1_bytes_undefined_in_windows_1252_fall_back_to_latin1() -> None:
    data = b"URL,Name\nlinkedin.com/in/a,Ann\x81\xe9\n"
    with open_import(data) as reader:
        assert reader.encoding == "latin-1"
        (row,) = list(reader)
    assert isinstance(row, ProspectRecord)
    assert row.full_name == "Ann\x81é"


def test_non_utf8_byte_late_in_a_big_file_switches_the_whole_file() -> None:
    rows = "".join(f"linkedin.com/in/p{n},Person {n}\n" for n in range(20_000))
    data = ("URL,Name\n" + rows).encode() + "linkedin.com/in/last,Zoë\n".encode("cp1252")
    items = items_of(data)
    assert len(items) == 20_001
    last = items[-1]
    assert isinstance(last, ProspectRecord)
    assert last.full_name == "Zoë"


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b"   \r\n\n  \n", "empty"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "old Excel"),
        (b"\x89PNG\r\n\x1a\n" + bytes(30), "PNG"),
        (b"\x1f\x8b\x08\x00" + bytes(30), "gzip"),
        (b"SQLite format 3\x00" + bytes(100), "SQLite"),
        (bytes(range(256)) * 4, "not text"),
        (b"just some words\nin a text file\nwithout columns\n", "does not look like a CSV"),
        (b'{"name": "Ann", "url": "x"}', "No LinkedIn profile URL column"),
    ],
)
def test_files_that_are_not_csv_are_refused_with_a_sentence(data: bytes, words: str) -> None:
    with pytest.raises(ImportFormatError, match=words) as caught:
        open_import(data)
    assert "Traceback" not in str(caught.value)


def test_an_xlsx_workbook_is_named_and_the_fix_given() -> None:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(ImportFormatError) as caught:
        open_import(buffer.getvalue())
    assert "xlsx" in str(caught.value)
    assert "CSV UTF-8" in str(caught.value)


def test_missing_file_is_a_sentence(tmp_path: Path) -> None:
    with pytest.raises(ImportFormatError, match=r"Cannot open .*nope\.csv"):
        open_import(tmp_path / "nope.csv")


def test_a_path_is_read_and_closed(tmp_path: Path) -> None:
    path = tmp_path / "leads.csv"
    path.write_bytes((DATA / "salesnav-phantombuster.csv").read_bytes())
    reader = open_import(path)
    with reader:
        assert reader.total_bytes == path.stat().st_size
        assert len(list(reader)) == 12
        assert reader.bytes_read == reader.total_bytes
    assert reader.bytes_read == reader.total_bytes


def test_header_only_file_reads_no_rows() -> None:
    with open_import(
        b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    ) as r:
        assert r.format is ImportFormat.CONNECTIONS
        assert list(r) == []


def test_blank_and_empty_rows_are_skipped_without_errors() -> None:
    data = b"URL,Name\n\nlinkedin.com/in/a,A\n,\n  ,  \n,Ann\nlinkedin.com/in/b,B\n"
    items = items_of(data)
    assert [(i.line, i.url) for i in items if isinstance(i, ProspectRecord)] == [
        (3, "https://www.linkedin.com/in/a"),
        (7, "https://www.linkedin.com/in/b"),
    ]
    assert items[1] == RowError(6, "no profile URL in URL")


def test_row_errors_carry_the_line_where_the_row_starts() -> None:
    data = (
        b"LinkedIn URL,Name,Notes,Degree\n"  # 1
        b'linkedin.com/in/a,A,"two\nlines",2nd\n'  # 2-3
        b'linkedin.com/in/b,B,"three\r\nphysical\nlines",9th\n'  # 4-6: bad degree
        b"https://www.linkedin.com/company/acme,C,,\n"  # 7: not a profile
        b",D,no url,\n"  # 8
        b"linkedin.com/in/e,E,,3rd\n"  # 9
    )
    items = items_of(data)
    assert [(type(i).__name__, i.line) for i in items] == [
        ("ProspectRecord", 2),
        ("RowError", 4),
        ("RowError", 7),
        ("RowError", 8),
        ("ProspectRecord", 9),
    ]
    first = items[0]
    assert isinstance(first, ProspectRecord)
    assert first.notes == "two\nlines"
    assert "9th" in items[1].message if isinstance(items[1], RowError) else False
    assert isinstance(items[2], RowError) and "company page" in items[2].message
    assert isinstance(items[3], RowError) and "no profile URL" in items[3].message


def test_embedded_newlines_keep_line_numbers_right_after_them() -> None:
    data = (
        b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
        b'Ann,Lee,linkedin.com/in/ann,,"Acme\r\nLabs",CTO,01 Feb 2024\r\n'
        b"Bob,Roe,linkedin.com/in/bob,,Acme,CEO,someday\r\n"
    )
    items = items_of(data)
    assert isinstance(items[0], ProspectRecord)
    assert items[0].company == "Acme\r\nLabs"
    assert items[1] == RowError(
        4, "Connected On: 'someday' is not a date like 24 Aug 2023 or 2023-08-24"
    )


def test_an_unclosed_quote_is_reported_not_swallowed_silently() -> None:
    data = (
        b"URL,Name,Company\n"
        b"linkedin.com/in/a,A,Acme\n"
        b'linkedin.com/in/b,"Bob,Acme\n'
        b"linkedin.com/in/c,C,Acme\n"
        b"linkedin.com/in/d,D,Acme\n"
    )
    items = items_of(data)
    assert isinstance(items[0], ProspectRecord)
    (error,) = items[1:]
    assert isinstance(error, RowError)
    assert error.line == 3
    assert "line 5" in error.message and "closing quote" in error.message


def test_a_field_over_the_csv_limit_is_a_row_error_and_reading_goes_on() -> None:
    data = (
        'URL,Name,Notes\nlinkedin.com/in/a,A,"' + "x" * 200_000 + '"\nlinkedin.com/in/b,B,ok\n'
    ).encode()
    items = items_of(data)
    assert isinstance(items[0], RowError)
    assert items[0].line == 2
    assert "field larger than field limit" in items[0].message
    assert isinstance(items[-1], ProspectRecord)
    assert items[-1].url == "https://www.linkedin.com/in/b"


def test_duplicate_urls_are_yielded_in_order_and_counted() -> None:
    data = (
        b"URL,Name,Company,Degree\n"
        b"linkedin.com/in/ann,Ann,Acme,2nd\n"
        b"https://www.linkedin.com/in/ANN/,,Globex,\n"
        b"linkedin.com/in/bob,Bob,,\n"
    )
    with open_import(data) as reader:
        items = list(reader)
        assert reader.duplicates == 1
    first, later = items[0], items[1]
    assert isinstance(first, ProspectRecord) and isinstance(later, ProspectRecord)
    assert first.url == later.url
    # the later row says only what it knows: applied in order, it wins field by field
    assert (later.company, later.full_name, later.degree) == ("Globex", None, None)
    assert (first.full_name, first.degree) == ("Ann", Degree.SECOND)


def test_progress_grows_to_the_total(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    body = "".join(f"linkedin.com/in/p{n},Person {n},Company {n}\n" for n in range(30_000))
    path.write_text("URL,Name,Company\n" + body, encoding="utf-8")
    seen = []
    with open_import(path) as reader:
        for count, _item in enumerate(reader):
            if count % 5000 == 0:
                seen.append(reader.bytes_read)
        seen.append(reader.bytes_read)
    assert seen == sorted(seen)
    assert seen[0] < seen[-1] == path.stat().st_size
