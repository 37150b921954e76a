"""The import formats are registered once (``core.importing.reader.LAYOUTS``): the names accepted,
the descriptions and the readers all come from there."""

from __future__ import annotations

import io

import pytest

from inmail_tui.core.exporting import ExportRow, write_prospects_csv
from inmail_tui.core.importing import (
    AUTO,
    FORMAT_DESCRIPTIONS,
    FORMAT_NAMES,
    ImportFormat,
    ImportFormatError,
    open_import,
)
from inmail_tui.core.importing.reader import LAYOUTS
from inmail_tui.core.importing.synthetic import connections_csv, people, phantombuster_csv


def test_every_format_has_one_layout_and_a_description() -> None:
    assert sorted(layout.format for layout in LAYOUTS) == sorted(ImportFormat)
    assert (AUTO, *(layout.format.value for layout in LAYOUTS)) == FORMAT_NAMES
    assert list(FORMAT_DESCRIPTIONS) == list(FORMAT_NAMES)
    for text in FORMAT_DESCRIPTIONS.values():
        assert text and "\n" not in text


def _export_csv() -> bytes:
    stream = io.StringIO()
    write_prospects_csv(stream, [ExportRow(url="https://www.linkedin.com/in/ada", full_name="Ada")])
    return stream.getvalue().encode()


SAMPLES = {
    "connections": connections_csv(people(3, seed=1)).encode(),
    "phantombuster": phantombuster_csv(people(3, seed=2)).encode(),
    "generic": b"LinkedIn URL,Name\nlinkedin.com/in/ada,Ada\n",
    "export": _export_csv(),
}


@pytest.mark.parametrize("name", FORMAT_NAMES[1:])
def test_each_registered_name_reads_its_own_files(name: str) -> None:
    with open_import(SAMPLES[name], name) as forced:
        assert forced.format.value == name
        assert list(forced)
    with open_import(SAMPLES[name], AUTO) as detected:
        assert detected.format.value == name


def test_an_unknown_name_lists_the_registered_ones() -> None:
    with pytest.raises(ImportFormatError) as raised:
        open_import(b"URL\nlinkedin.com/in/a\n", "xlsx")
    assert ", ".join(FORMAT_NAMES) in str(raised.value)
