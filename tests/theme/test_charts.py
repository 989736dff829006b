"""The staff screens' SVG bar charts: every label is drawn inside the chart, none cut off at its left edge."""

import re
from html import unescape

from django.template.loader import render_to_string
from PIL import ImageFont

from theme.templatetags.charts import bar_chart

# The admin's text is drawn in DejaVu Sans on the council's Debian machines; 14 px as the chart sets it.
FONT = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 14)
LABELS = [
    "Ümraniye Kültür Bülteni Aralık 2026",  # a publication (Çözüm Postası's reports)
    "Hayvanların Muayene ve Tedavileri",  # a topic (the register's statistics)
    "Fatih Sultan Mehmet",
]


def test_long_labels_are_shortened_to_fit_left_of_the_bars():
    context = bar_chart([(label, 3) for label in LABELS], "Yayınlara göre", "publications")
    svg = render_to_string("components/bar_chart.html", context)
    drawn = [unescape(text) for text in re.findall(r'text-anchor="end"[^>]*>([^<]*)</text>', svg)]
    assert len(drawn) == len(LABELS)
    room = context["label_width"] - 8  # the label ends 8 units left of its bar and starts at 0
    for label, text in zip(LABELS, drawn, strict=True):
        assert FONT.getlength(text) <= room, text
        assert label.startswith(text.rstrip("…"))
    assert drawn[2] == "Fatih Sultan Mehmet"  # a short one whole
