"""The XLSX export, read back from its XML: a cover, one sheet per table, numbers as numbers."""

import datetime
import io
import zipfile
from xml.etree import ElementTree

import pytest
import time_machine
from django.utils import translation

from amparo.reporting.cases import case_counts
from amparo.reporting.exports import report_export
from amparo.reporting.exports.workbook import CONTENT_TYPE, sheet_names
from amparo.reporting.tests.sample_report import sample_report

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
NOON = datetime.datetime(2028, 2, 29, 18, 0, tzinfo=datetime.UTC)


class Book:
    """An XLSX file as its sheets' cells: {sheet name: {"B3": (value, type, number format)}}."""

    def __init__(self, data: bytes) -> None:
        self.zip = zipfile.ZipFile(io.BytesIO(data))
        workbook = self.xml("xl/workbook.xml")
        self.names = [s.get("name") for s in workbook.iterfind("m:sheets/m:sheet", NS)]
        styles = self.xml("xl/styles.xml")
        codes = {"0": "General", "1": "0"}  # built in: not listed in the file
        codes |= {
            n.get("numFmtId"): n.get("formatCode") for n in styles.iter(f"{{{NS['m']}}}numFmt")
        }
        self.formats = [codes.get(x.get("numFmtId"), "") for x in styles.find("m:cellXfs", NS)]

    def xml(self, name: str) -> ElementTree.Element:
        return ElementTree.fromstring(self.zip.read(name))  # noqa: S314  # our own file

    def sheet(self, name: str) -> ElementTree.Element:
        return self.xml(f"xl/worksheets/sheet{self.names.index(name) + 1}.xml")

    def cells(self, name: str) -> dict[str, tuple[str, str, str]]:
        found = {}
        for c in self.sheet(name).iter(f"{{{NS['m']}}}c"):
            text = c.find("m:is/m:t", NS)
            value = c.find("m:v", NS)
            shown = text.text if text is not None else (value.text if value is not None else "")
            found[c.get("r")] = (shown, c.get("t", "n"), self.formats[int(c.get("s", 0))])
        return found


def exported_book(cast, report=None) -> Book:
    with time_machine.travel(NOON, tick=False):
        response = report_export(
            actor=cast.analyst, report=report or sample_report(), fmt="xlsx", filename="justice"
        )
    assert response["Content-Type"] == CONTENT_TYPE
    return Book(response.content)


def test_a_cover_then_one_sheet_per_table_with_safe_distinct_names(cast):
    book = exported_book(cast)
    assert book.names == [
        "About",
        "Legal cases by stage",
        "Convictions per complaint by de",
        "Convictions per complaint b (2)",
    ]
    assert all(len(n) <= 31 for n in book.names)


def test_the_cover_says_the_title_filters_view_time_and_legend(cast):
    cells = exported_book(cast).cells("About")
    assert cells["A1"][0] == "Justice indicators"
    lines = {cells[f"A{n}"][0]: cells[f"B{n}"][0] for n in range(3, 7)}
    assert lines["Filters"].startswith("Court: Juzgado de Quetzaltenango")
    assert lines["View"] == "Period: what happened during the period"
    assert lines["Generated at"] == "2028-02-29 12:00 CST"
    assert lines["[c]"].startswith("Hidden to protect confidentiality")


def test_counts_are_numbers_shares_percentages_hidden_the_mark_and_none_empty(cast):
    cells = exported_book(cast).cells("Legal cases by stage")
    assert cells["A1"][0] == "Legal cases by stage"
    assert [cells[f"{c}2"][0] for c in "ABCDE"] == [
        "Stage",
        "Cases",
        "Share",
        "Median days",
        "Note",
    ]
    assert cells["B3"] == ("40", "n", "0")
    value, kind, fmt = cells["C3"]
    assert (round(float(value), 4), kind, fmt) == (0.7843, "n", "0.0%")
    assert cells["D3"] == ("12.2", "n", "General")
    assert cells["B4"][:2] == ("[c]", "inlineStr")
    assert cells["C4"][:2] == ("[c]", "inlineStr")
    assert "D5" not in cells  # no median: left empty
    assert cells["A7"][0] == "Total" and cells["B7"][:2] == ("51", "n")


def test_text_is_never_a_formula(cast):
    book = exported_book(cast)
    sheet = book.sheet("Legal cases by stage")
    assert sheet.find(".//m:f", NS) is None
    cells = book.cells("Legal cases by stage")
    assert cells["E3"][:2] == ("=HYPERLINK()", "inlineStr")
    assert cells["A6"][:2] == ("+Nothing", "inlineStr")


def test_the_header_is_frozen_and_the_columns_have_widths(cast):
    sheet = exported_book(cast).sheet("Legal cases by stage")
    pane = sheet.find(".//m:pane", NS)
    assert (pane.get("state"), pane.get("ySplit"), pane.get("xSplit")) == ("frozen", "2", "1")
    widths = [float(c.get("width")) for c in sheet.iterfind("m:cols/m:col", NS)]
    assert widths and all(10 <= w <= 61 for w in widths)


def test_sheets_and_headers_are_in_the_users_language(cast):
    with translation.override("es"):
        book = exported_book(cast, case_counts(user=cast.analyst).report)
    assert "Casos por estado" in book.names
    cells = book.cells("Casos por estado")
    assert (cells["A2"][0], cells["B2"][0]) == ("Estado", "Casos")


@pytest.mark.parametrize(
    ("titles", "names"),
    [
        (["About", "about"], ["About", "about (2)"]),
        (["a/b:c*d?e[f]g\\h"], ["a b c d e f g h"]),
        (["'quoted'"], ["quoted"]),
        (["", "[]"], ["Table", "Table (2)"]),
        (["History"], ["History 1"]),
        (["x" * 40, "x" * 40, "x" * 40], ["x" * 31, "x" * 27 + " (2)", "x" * 27 + " (3)"]),
    ],
)
def test_sheet_names_are_ones_excel_accepts(titles, names):
    assert sheet_names(titles) == names
