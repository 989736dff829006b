"""Route sheets and address labels as couriers and the print room use them (distribution.printing)."""

import datetime
import io
import re

import pytest
from django.utils import translation
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from distribution.printing import Label, RouteSheet, SheetStop, labels, route_sheets

RECIPIENT = re.compile(r"Alıcı \d+-\d{3}")
PAGE_OF_PAGES = re.compile(r"Page (\d+) of (\d+)")
HEADINGS = ["No.", "Recipient", "Address", "Copies", "Received by", "Signature"]


def route(number, place, length, courier, publication, barcodes=True):
    stops = [
        SheetStop(
            order=order,
            recipient=f"Alıcı {number}-{order:03d}",
            address=f"{place} Mahallesi, Alemdağ Caddesi No: {order}",
            quantity=order % 3 + 1,
            barcode=f"R{number}-S{order}" if barcodes else "",
        )
        for order in range(1, length + 1)
    ]
    return RouteSheet(
        title=f"Rota {number} — {place}",
        courier=courier,
        date=datetime.date(2026, 3, 16),
        publication=publication,
        stops=stops,
        qr_url=f"https://kentkonseyi.example/dagitim/rota/{number}/",
        neighbourhood=place,
    )


ROUTES = [
    route(3, "Çakmak", 5, "Murat Çelik", "Kültür Bülteni"),
    route(7, "Şerifali", 60, "Gülşen Öztürk", "Ümraniye Dergisi"),
    route(12, "İnkılap", 35, "Ömer Doğan", "Bahar Şenliği Davetiyesi", barcodes=False),
]


def pages_text(pdf):
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture(scope="module")
def round_pages():
    """The text of each page of the three routes' sheets, in English, the source language."""
    with translation.override("en"):
        return pages_text(route_sheets(ROUTES))


def route_of(text):
    """The index in ROUTES of the one route whose title heads the page."""
    titled = [index for index, sheet in enumerate(ROUTES) if sheet.title in text]
    assert len(titled) == 1, text
    return titled[0]


def pages_of(round_pages, index):
    return [text for text in round_pages if route_of(text) == index]


def test_every_page_names_its_own_route_and_lists_only_its_stops(round_pages):
    for text in round_pages:
        sheet = ROUTES[route_of(text)]
        others = [other for other in ROUTES if other is not sheet]
        assert sheet.courier in text
        assert sheet.publication in text
        assert "16.03.2026" in text
        assert not any(other.courier in text or other.publication in text for other in others)
        printed = RECIPIENT.findall(text)
        assert printed
        assert set(printed) <= {stop.recipient for stop in sheet.stops}


def test_pages_are_counted_within_each_route(round_pages):
    routes = [route_of(text) for text in round_pages]
    assert routes == sorted(routes)
    assert routes.count(0) == 1
    assert routes.count(1) > 1
    assert routes.count(2) > 1
    for index in range(len(ROUTES)):
        pages = pages_of(round_pages, index)
        for number, text in enumerate(pages, start=1):
            assert PAGE_OF_PAGES.findall(text) == [(str(number), str(len(pages)))]


def test_each_route_starts_on_a_new_page_with_its_first_stop(round_pages):
    for index, sheet in enumerate(ROUTES):
        first_page = pages_of(round_pages, index)[0]
        assert RECIPIENT.findall(first_page)[0] == sheet.stops[0].recipient


def test_every_stop_is_printed_once_in_route_order(round_pages):
    printed = [recipient for text in round_pages for recipient in RECIPIENT.findall(text)]
    assert printed == [stop.recipient for sheet in ROUTES for stop in sheet.stops]


def test_the_column_headings_head_every_page(round_pages):
    for text in round_pages:
        assert set(HEADINGS) <= set(text.splitlines())


def test_each_route_ends_with_its_number_of_stops_and_copies(round_pages):
    for index, sheet in enumerate(ROUTES):
        pages = pages_of(round_pages, index)
        copies = sum(stop.quantity for stop in sheet.stops)
        assert f"Total: {len(sheet.stops)} stops, {copies} copies" in pages[-1]
        assert not any("Total:" in text for text in pages[:-1])


def test_a_stops_code_is_printed_under_its_barcode_and_routes_without_codes_have_no_barcode_column(round_pages):
    first_of_route_7 = pages_of(round_pages, 1)[0]
    assert "Barcode" in first_of_route_7.splitlines()
    assert "R7-S1" in [line.strip() for line in first_of_route_7.splitlines()]
    assert all("Barcode" not in text.splitlines() for text in pages_of(round_pages, 2))


def test_turkish_letters_print_in_an_embedded_font_and_extract_as_text():
    sheet = RouteSheet(
        title="Rota 12 — Çakmak",
        courier="Gülşen Öztürk",
        date=datetime.date(2026, 3, 16),
        publication="Kültür Bülteni",
        stops=[
            SheetStop(1, "Şerifali Muhtarlığı", "Ihlamurkuyu Mahallesi, Ilgaz Sokak No: 3", 2),
            SheetStop(2, "İnkılap Kooperatifi", "Çakmak Mahallesi, Ağaçlı Sokak No: 5", 1),
        ],
    )
    pdf = route_sheets([sheet])
    text = pages_text(pdf)[0]
    for printed in [
        "Rota 12 — Çakmak",
        "Gülşen Öztürk",
        "Kültür Bülteni",
        "Şerifali Muhtarlığı",
        "Ihlamurkuyu Mahallesi, Ilgaz Sokak No: 3",
        "İnkılap Kooperatifi",
        "Çakmak Mahallesi, Ağaçlı Sokak No: 5",
    ]:
        assert printed in text
    fonts = [font.get_object() for font in PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"]["/Font"].values()]
    dejavu = [font for font in fonts if "DejaVuSans" in font["/BaseFont"]]
    assert dejavu
    assert all("/FontFile2" in font["/FontDescriptor"] for font in dejavu)


# Label sheets as sold: columns, rows, first label's left and top edge, pitch across and down, label size (mm).
SHEETS = {
    "3x8": (3, 8, 0, 0.5, 70, 37, 70, 37),
    "2x7": (2, 7, 4.65, 15.15, 101.6, 38.1, 99.1, 38.1),
}


def label(number):
    return Label(
        [f"Alıcı {number:03d}", "İlgili: Gülşen Öztürk", "Alemdağ Caddesi No: 12", "Çakmak / Ümraniye", "34775"]
    )


def text_lines(pdf, page=0):
    """(text, x, y, font, size) of each line of text drawn on a page."""
    found = []

    def visit(text, matrix, text_matrix, font, size):
        if text.strip():
            found.append((text.strip(), text_matrix[4], text_matrix[5], font["/BaseFont"].split("+")[-1], size))

    PdfReader(io.BytesIO(pdf)).pages[page].extract_text(visitor_text=visit)
    return found


def sticker(layout, index):
    """(left, bottom, right, top) in points of the index-th label of a sheet."""
    columns, _, left, top, across, down, width, height = SHEETS[layout]
    row, column = divmod(index, columns)
    left = (left + column * across) * mm
    top = A4[1] - (top + row * down) * mm
    return left, top - height * mm, left + width * mm, top


@pytest.mark.parametrize("layout, count, per_page", [("3x8", 50, 24), ("2x7", 30, 14)])
def test_labels_fill_a_sheet_before_starting_the_next(layout, count, per_page):
    pages = pages_text(labels([label(number) for number in range(1, count + 1)], layout))
    printed = [[int(number) for number in re.findall(r"Alıcı (\d{3})", text)] for text in pages]
    numbers = list(range(1, count + 1))
    assert printed == [numbers[start : start + per_page] for start in range(0, count, per_page)]


@pytest.mark.parametrize("layout", ["3x8", "2x7"])
def test_each_label_is_printed_on_its_own_sticker(layout):
    columns, rows = SHEETS[layout][:2]
    pdf = labels([label(number) for number in range(1, columns * rows + 1)], layout)
    names = [line for line in text_lines(pdf) if line[0].startswith("Alıcı")]
    assert len(names) == columns * rows
    for index, (text, x, y, font, size) in enumerate(names):
        left, bottom, right, top = sticker(layout, index)
        assert text == f"Alıcı {index + 1:03d}"
        assert left < x and x + stringWidth(text, font, size) < right
        assert bottom < y < top


def test_a_long_name_is_wrapped_and_shrunk_within_its_label():
    name = "Ümraniye Belediyesi Kültür ve Sosyal İşler Müdürlüğü Şerifali Halk Kütüphanesi Gönüllüleri Derneği"
    long = Label(
        [
            name,
            "İlgili: kultur.ve.sosyal.isler.mudurlugu.halk.kutuphanesi@umraniye.bel.tr",
            "Şehit Piyade Er Mustafa Çağlayangil Sokağı No: 123 Daire 78",
            "İnkılap Mahallesi / Ümraniye / İstanbul",
            "34768",
        ]
    )
    pdf = labels([label(1), long, label(3)])
    left, bottom, right, top = sticker("3x8", 1)
    lines = [line for line in text_lines(pdf) if left <= line[1] < right]
    assert name in " ".join(text for text, *_ in lines)
    assert lines[-1][0] == "34768"
    for text, x, y, font, size in lines:
        assert x + stringWidth(text, font, size) < right
        assert bottom < y < top


def test_empty_lines_of_a_label_leave_no_gap():
    pdf = labels([Label(["Şerifali Muhtarlığı", "", "Alemdağ Caddesi No: 4", "Şerifali / Ümraniye", "34775"])])
    lines = text_lines(pdf)
    assert [text for text, *_ in lines] == [
        "Şerifali Muhtarlığı",
        "Alemdağ Caddesi No: 4",
        "Şerifali / Ümraniye",
        "34775",
    ]
    gaps = {round(upper[2] - lower[2], 2) for upper, lower in zip(lines, lines[1:], strict=False)}
    assert len(gaps) == 1
