"""Printed matter for the couriers: route sheets to sign on the doorstep and address labels.

Both work on the plain records defined here, not on models, so the views decide what goes on paper and this
module only lays it out. Text is set in DejaVu Sans, embedded, so Turkish letters print and can be searched.
"""

import io
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import cache
from itertools import groupby

from django.utils.translation import gettext
from reportlab import rl_config
from reportlab.graphics.barcode.code128 import Code128
from reportlab.graphics.barcode.qrencoder import QRCode, QRErrorCorrectLevel
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

FONT_FILES = {
    "DejaVuSans": "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "DejaVuSans-Bold": "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
}
FONT = "DejaVuSans"
BOLD = "DejaVuSans-Bold"

# Page streams stay binary, not ASCII85: a fifth smaller and faster to write. Nothing else here uses ReportLab.
rl_config.useA85 = 0


@dataclass(frozen=True)
class SheetStop:
    """One door on a route: who gets how many copies; `barcode` (e.g. "R12-S7") is printed as Code128 when given."""

    order: int
    recipient: str
    address: str
    quantity: int
    barcode: str = ""


@dataclass(frozen=True)
class RouteSheet:
    """What a courier carries for one route; the QR code on its first page points to `qr_url` when given."""

    title: str
    courier: str
    date: date
    publication: str
    stops: list[SheetStop]
    qr_url: str = ""
    neighbourhood: str = ""


@dataclass(frozen=True)
class Label:
    """An address label, one entry per printed line; the first line (the recipient) is set in bold."""

    lines: list[str]


@dataclass(frozen=True)
class LabelLayout:
    """A sheet of self-adhesive labels, in millimetres: label size, first label's offset, distance between labels."""

    columns: int
    rows: int
    width: float
    height: float
    top: float
    left: float
    column_pitch: float
    row_pitch: float

    @property
    def per_page(self):
        return self.columns * self.rows


LAYOUTS = {
    # 70 × 37 mm, edge to edge (Avery 3474 and its equivalents).
    "3x8": LabelLayout(columns=3, rows=8, width=70, height=37, top=0.5, left=0, column_pitch=70, row_pitch=37),
    # 99.1 × 38.1 mm with gaps between the columns (Avery L7163).
    "2x7": LabelLayout(
        columns=2, rows=7, width=99.1, height=38.1, top=15.15, left=4.65, column_pitch=101.6, row_pitch=38.1
    ),
}


@cache
def _register_fonts():
    for name, path in FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, path))


def _wrap(text, font, size, width):
    """`text` broken into lines no wider than `width`, at spaces, or inside a word too long for a line of its own."""
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return [text]
    lines = []
    for line in simpleSplit(text, font, size, width):
        while len(line) > 1 and pdfmetrics.stringWidth(line, font, size) > width:
            cut = len(line) - 1
            while cut > 1 and pdfmetrics.stringWidth(line[:cut], font, size) > width:
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
        lines.append(line)
    return lines


def _draw_fitted(canvas, x, y, text, font, size, width):
    """Draw one line of text at (x, y), in a smaller size if that is what it takes to stay within `width`."""
    natural = pdfmetrics.stringWidth(text, font, size)
    if natural > width:
        size = size * width / natural
    canvas.setFont(font, size)
    canvas.drawString(x, y, text)


# Route sheets: A4 portrait, the header above the table's frame.
PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 10 * mm
HEADER_HEIGHT = 27 * mm
QR_SIZE = 22 * mm
TEXT_SIZE = 8.5
LEADING = 10
CELL_PADDING = 3
ROW_HEIGHT = 10 * mm  # room for a name and a signature
MAX_CELL_LINES = 8  # a runaway address must not make a row taller than a page
BARCODE_COLUMN = 33 * mm
BARCODE_HEIGHT = 5 * mm
BARCODE_MODULE = 0.25 * mm  # the narrowest bar at most; "R99-S999" gets 0.22 mm to fit its cell
BARCODE_TEXT_SIZE = 6
# Where "page x of y" ends: left of the QR code, on the title's line.
PAGE_NUMBER_X = PAGE_WIDTH - MARGIN - QR_SIZE - 4 * mm
TITLE_Y = PAGE_HEIGHT - MARGIN - 5 * mm


def _columns(with_barcodes):
    """(heading, width) of the table's columns, 190 mm in all: a route without barcodes gives their room to addresses."""
    columns = [
        (gettext("No."), 9 * mm),
        (gettext("Recipient"), 36 * mm),
        (gettext("Address"), 44 * mm + (0 if with_barcodes else BARCODE_COLUMN)),
        (gettext("Copies"), 12 * mm),
        (gettext("Barcode"), BARCODE_COLUMN if with_barcodes else 0),
        (gettext("Received by"), 28 * mm),
        (gettext("Signature"), 28 * mm),
    ]
    return [(heading, width) for heading, width in columns if width]


def _fill_cells(canvas, x, y, cell_width, cell_height, cells):
    """Fill rectangles given in whole cells (a barcode's modules) as one path.

    ReportLab's own barcode drawing makes a call and formats four numbers per bar, which made the barcodes half of
    a route sheet's time; whole numbers in a scaled coordinate system are written as they are.
    """
    canvas.saveState()
    canvas.setFillColor(colors.black)
    canvas.transform(cell_width, 0, 0, cell_height, x, y)
    canvas.addLiteral(" ".join(f"{left} {bottom} {width} {height} re" for left, bottom, width, height in cells) + " f")
    canvas.restoreState()


class _StopBarcode(Flowable):
    """A stop's code as Code128 bars with the code under them, narrowed if need be to fit its cell."""

    def __init__(self, code, width):
        super().__init__()
        symbol = Code128(code, quiet=False)
        # Sizing the symbol encodes it as bar and space widths, `decomposed`: "B" is a bar of 2 modules, "b" a space.
        symbol.wrap(0, 0)
        self.bars = []
        modules = 10  # a quiet zone of ten modules on each side
        for element in symbol.decomposed:
            size = ord(element.lower()) - ord("a") + 1
            if element.isupper():
                self.bars.append((modules, 0, size, 1))
            modules += size
        modules += 10
        self.module = min(BARCODE_MODULE, width / modules)
        self.code = code
        self.width = modules * self.module
        self.height = BARCODE_HEIGHT + BARCODE_TEXT_SIZE + 1

    def wrap(self, available_width, available_height):
        return self.width, self.height

    def draw(self):
        _fill_cells(self.canv, 0, BARCODE_TEXT_SIZE + 1, self.module, BARCODE_HEIGHT, self.bars)
        self.canv.setFont(FONT, BARCODE_TEXT_SIZE)
        self.canv.drawCentredString(self.width / 2, 1, self.code)


def _draw_qr(canvas, x, y, size, url):
    """A QR code of `url` in a square of `size` whose lower left corner is (x, y), with a one-module margin."""
    code = QRCode(None, QRErrorCorrectLevel.M)
    code.addData(url)
    code.make()
    count = code.getModuleCount()
    cells = []
    for row in range(count):
        # Runs of dark modules along the row, the first row at the top.
        dark = [code.isDark(row, column) for column in range(count)]
        column = 0
        for is_dark, run in groupby(dark):
            length = len(list(run))
            if is_dark:
                cells.append((column + 1, count - row, length, 1))
            column += length
    module = size / (count + 2)
    _fill_cells(canvas, x, y, module, module, cells)


class _RouteStart(Flowable):
    """Zero-size mark at the top of a route's first page: the pages from here on belong to `sheet`."""

    def __init__(self, index, sheet):
        super().__init__()
        self.index = index
        self.sheet = sheet

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self):
        pass


class _RouteCanvas(Canvas):
    """A canvas that writes each page's "page x of y" when it is saved, once every route's length is known.

    A page shows the text as a form XObject by name; the forms are filled in at save().
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.page_routes = []  # the route of each page so far, in page order

    def page_of_pages(self, route):
        self.page_routes.append(route)
        self.doForm(f"page-of-pages-{len(self.page_routes)}")

    def save(self):
        pages = Counter(self.page_routes)
        page = Counter()
        for number, route in enumerate(self.page_routes, start=1):
            page[route] += 1
            self.beginForm(f"page-of-pages-{number}")
            self.setFont(FONT, 9)
            text = gettext("Page %(page)s of %(pages)s") % {"page": page[route], "pages": pages[route]}
            self.drawRightString(PAGE_NUMBER_X, TITLE_Y, text)
            self.endForm()
        super().save()


class _RouteSheetsDocument(BaseDocTemplate):
    """A4 pages whose header names the route the page belongs to, drawn once the page is full."""

    def __init__(self, output):
        super().__init__(
            output,
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN + HEADER_HEIGHT,
            bottomMargin=MARGIN,
            title=gettext("Route sheets"),
        )
        frame = Frame(
            self.leftMargin,
            self.bottomMargin,
            self.width,
            self.height,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        # At the end of a page, not its start: by then the page's _RouteStart, if any, has been laid out.
        self.addPageTemplates([PageTemplate("route", frames=[frame], onPageEnd=self._draw_header)])
        self.route = None
        self.sheet = None
        self.page_in_route = 0

    def afterFlowable(self, flowable):
        if isinstance(flowable, _RouteStart):
            self.route, self.sheet, self.page_in_route = flowable.index, flowable.sheet, 0

    def _draw_header(self, canvas, doc):
        sheet = self.sheet
        self.page_in_route += 1
        text_width = PAGE_NUMBER_X - MARGIN
        canvas.saveState()
        _draw_fitted(canvas, MARGIN, TITLE_Y, sheet.title, BOLD, 13, text_width - 32 * mm)
        canvas.page_of_pages(self.route)
        details = [f"{gettext('Courier')}: {sheet.courier}", f"{gettext('Date')}: {sheet.date:%d.%m.%Y}"]
        _draw_fitted(canvas, MARGIN, TITLE_Y - 7 * mm, "    ".join(details), FONT, 9.5, text_width)
        details = [f"{gettext('Publication')}: {sheet.publication}"]
        if sheet.neighbourhood:
            details.append(f"{gettext('Neighbourhood')}: {sheet.neighbourhood}")
        _draw_fitted(canvas, MARGIN, TITLE_Y - 12.5 * mm, "    ".join(details), FONT, 9.5, text_width)
        if sheet.qr_url and self.page_in_route == 1:
            _draw_qr(canvas, PAGE_WIDTH - MARGIN - QR_SIZE, PAGE_HEIGHT - MARGIN - QR_SIZE, QR_SIZE, sheet.qr_url)
        canvas.setLineWidth(0.8)
        line_y = PAGE_HEIGHT - MARGIN - HEADER_HEIGHT + 2 * mm
        canvas.line(MARGIN, line_y, PAGE_WIDTH - MARGIN, line_y)
        canvas.restoreState()


def _route_table(sheet):
    with_barcodes = any(stop.barcode for stop in sheet.stops)
    columns = _columns(with_barcodes)
    widths = [width for _, width in columns]
    recipient_width = widths[1] - 2 * CELL_PADDING
    address_width = widths[2] - 2 * CELL_PADDING
    rows = [[heading for heading, _ in columns]]
    heights = [7 * mm]
    for stop in sheet.stops:
        # Plain strings with line breaks rather than a Paragraph per cell: the same look, many times faster.
        recipient = _wrap(stop.recipient, FONT, TEXT_SIZE, recipient_width)[:MAX_CELL_LINES]
        address = _wrap(stop.address, FONT, TEXT_SIZE, address_width)[:MAX_CELL_LINES]
        row = [str(stop.order), "\n".join(recipient), "\n".join(address), str(stop.quantity)]
        if with_barcodes:
            row.append(_StopBarcode(stop.barcode, BARCODE_COLUMN - 2 * CELL_PADDING) if stop.barcode else "")
        rows.append([*row, "", ""])
        heights.append(max(ROW_HEIGHT, max(len(recipient), len(address)) * LEADING + 2 * CELL_PADDING))
    table = Table(rows, colWidths=widths, rowHeights=heights, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, 0), BOLD, 8),
                ("FONT", (0, 1), (-1, -1), FONT, TEXT_SIZE, LEADING),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e0e0e0")),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f4f4f4")]),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#606060")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (0, 0), (0, -1), "RIGHT"),
                ("ALIGN", (3, 0), (3, -1), "RIGHT"),
                ("ALIGN", (4, 1), (4, -1), "CENTER"),
                ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
                ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
                ("TOPPADDING", (0, 0), (-1, -1), CELL_PADDING),
                ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PADDING),
            ]
        )
    )
    return table


def route_sheets(sheets: list[RouteSheet]) -> bytes:
    """One A4 PDF of route sheets, each route from a new page, every page headed by its own route."""
    _register_fonts()
    totals_style = ParagraphStyle("totals", fontName=BOLD, fontSize=10, leading=13)
    story = []
    for index, sheet in enumerate(sheets):
        if index:
            story.append(PageBreak())
        totals = gettext("Total: %(stops)s stops, %(copies)s copies") % {
            "stops": len(sheet.stops),
            "copies": sum(stop.quantity for stop in sheet.stops),
        }
        story += [_RouteStart(index, sheet), _route_table(sheet), Spacer(0, 3 * mm), Paragraph(totals, totals_style)]
    output = io.BytesIO()
    _RouteSheetsDocument(output).build(story, canvasmaker=_RouteCanvas)
    return output.getvalue()


# Labels: the padding keeps text clear of the edges when the printer feeds the sheet a little askew.
LABEL_PADDING_X = 4 * mm
LABEL_PADDING_Y = 3 * mm
LABEL_SIZES = (10, 9, 8, 7, 6)
LABEL_LEADING = 1.2  # times the size


def _fit_label(lines, width, height):
    """(size, [(font, line), ...]) for the largest size whose wrapped lines fit the label; at the smallest, cut short."""
    for size in LABEL_SIZES:
        fitted = []
        for number, line in enumerate(lines):
            font = BOLD if number == 0 else FONT
            fitted += [(font, part) for part in _wrap(line, font, size, width)]
        if len(fitted) * size * LABEL_LEADING <= height:
            return size, fitted
    room = int(height // (size * LABEL_LEADING))
    if len(fitted) > room:
        font, line = fitted[room - 1]
        fitted = [*fitted[: room - 1], (font, line[:-1] + "…")]
    return size, fitted


def labels(labels: list[Label], layout: str = "3x8") -> bytes:
    """Address labels on A4 label sheets of `layout` (a key of LAYOUTS), filled row by row."""
    _register_fonts()
    sheet = LAYOUTS[layout]
    width = sheet.width * mm - 2 * LABEL_PADDING_X
    height = sheet.height * mm - 2 * LABEL_PADDING_Y
    output = io.BytesIO()
    canvas = Canvas(output, pagesize=A4)
    canvas.setTitle(gettext("Address labels"))
    for number, label in enumerate(labels):
        place = number % sheet.per_page
        if number and not place:
            canvas.showPage()
        row, column = divmod(place, sheet.columns)
        left = (sheet.left + column * sheet.column_pitch) * mm + LABEL_PADDING_X
        top = PAGE_HEIGHT - (sheet.top + row * sheet.row_pitch) * mm - LABEL_PADDING_Y
        size, lines = _fit_label([line for line in label.lines if line], width, height)
        leading = size * LABEL_LEADING
        # Centred vertically; the first baseline sits about one ascent (the size) below the block's top.
        y = top - (height - len(lines) * leading) / 2 - size
        for font, line in lines:
            canvas.setFont(font, size)
            canvas.drawString(left, y, line)
            y -= leading
    canvas.save()
    return output.getvalue()
