"""URL converters of the events app."""

from django.urls import register_converter
from django.urls.converters import IntConverter


class RowIdConverter(IntConverter):
    """A database id in a URL: at most 18 digits, so a longer number is simply not found (404) instead of
    overflowing the database's 64-bit integer (a 500 on SQLite)."""

    regex = "[0-9]{1,18}"


register_converter(RowIdConverter, "event_row_id")
