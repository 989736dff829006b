"""Server-drawn SVG charts: no script, no inline style, and always beside their data table."""

from django import template

register = template.Library()

ROW_HEIGHT = 30
LABEL_WIDTH = 210
BAR_WIDTH = 330


@register.inclusion_tag("components/bar_chart.html")
def bar_chart(rows, title, table_id):
    """A horizontal bar chart of [(label, value)]; `table_id` names the table that carries the same data."""
    rows = [(str(label), value or 0) for label, value in rows]
    top = max((value for _label, value in rows), default=0) or 1
    bars = [
        {
            "label": label,
            "value": value,
            "y": index * ROW_HEIGHT,
            "text_y": index * ROW_HEIGHT + ROW_HEIGHT * 0.65,
            "width": round(BAR_WIDTH * value / top, 1),
            "value_x": LABEL_WIDTH + round(BAR_WIDTH * value / top, 1) + 6,
        }
        for index, (label, value) in enumerate(rows)
    ]
    return {
        "bars": bars,
        "title": title,
        "table_id": table_id,
        "height": max(ROW_HEIGHT, ROW_HEIGHT * len(rows)),
        "width": LABEL_WIDTH + BAR_WIDTH + 60,
        "label_width": LABEL_WIDTH,
        "bar_height": ROW_HEIGHT - 8,
    }


@register.inclusion_tag("components/bar_list.html")
def bar_list(rows, title, table_id):
    """The public pages' bar chart of [(label, value)]: labels are page text, so they stay readable on a phone
    (an SVG drawn at a desktop's width shrinks its labels with it); only the bars are drawn."""
    rows = [(str(label), value or 0) for label, value in rows]
    top = max((value for _label, value in rows), default=0) or 1
    return {
        "bars": [{"label": label, "value": value, "width": round(100 * value / top, 1)} for label, value in rows],
        "title": title,
        "table_id": table_id,
    }
