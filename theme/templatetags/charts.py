"""Server-drawn SVG charts: no script, no inline style, and always beside their data table."""

from django import template
from django.utils.formats import number_format

register = template.Library()

ROW_HEIGHT = 30
LABEL_WIDTH = 210
BAR_WIDTH = 330


def _shown(value):
    """A count grouped the Turkish way (13.929), a share or an average with its decimal comma (81,5): the SVG is
    drawn with localisation off, so the figure is written here in the page's language."""
    if isinstance(value, float):
        return number_format(value, 1)
    if isinstance(value, int):
        return number_format(value, 0, force_grouping=True)
    return value


@register.inclusion_tag("components/bar_chart.html")
def bar_chart(rows, title, table_id, label_width=LABEL_WIDTH):
    """A horizontal bar chart of [(label, value)]; `table_id` names the table that carries the same data.
    Short labels (years) take a narrower `label_width`, so the chart keeps its size on a phone."""
    rows = [(str(label), value or 0) for label, value in rows]
    top = max((value for _label, value in rows), default=0) or 1
    bars = [
        {
            "label": label,
            "value": value,
            "shown": _shown(value),
            "y": index * ROW_HEIGHT,
            "text_y": index * ROW_HEIGHT + ROW_HEIGHT * 0.65,
            "width": round(BAR_WIDTH * value / top, 1),
            "value_x": label_width + round(BAR_WIDTH * value / top, 1) + 6,
        }
        for index, (label, value) in enumerate(rows)
    ]
    return {
        "bars": bars,
        "title": title,
        "table_id": table_id,
        "height": max(ROW_HEIGHT, ROW_HEIGHT * len(rows)),
        "width": label_width + BAR_WIDTH + 60,
        "label_width": label_width,
        "bar_height": ROW_HEIGHT - 8,
    }


@register.inclusion_tag("components/bar_list.html")
def bar_list(rows, title, table_id):
    """The public pages' bar chart of [(label, value)]: labels are page text, so they stay readable on a phone
    (an SVG drawn at a desktop's width shrinks its labels with it); only the bars are drawn."""
    rows = [(str(label), value or 0) for label, value in rows]
    top = max((value for _label, value in rows), default=0) or 1
    return {
        "bars": [
            {
                "label": label,
                "value": value,
                # Counts grouped the Turkish way (62.979) as in the table beside; other values as the page shows them.
                "shown": number_format(value, 0, force_grouping=True) if isinstance(value, int) else value,
                "width": round(100 * value / top, 1),
            }
            for label, value in rows
        ],
        "title": title,
        "table_id": table_id,
    }
