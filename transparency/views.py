"""The public dashboard (/seffaflik/) and the open-data catalogue (/seffaflik/veri/)."""

from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from transparency import figures, open_data
from transparency.forms import PeriodForm

CHART_TITLES = {
    "channels": gettext_lazy("Cases by channel"),
    "topics": gettext_lazy("Cases per topic"),
    "neighbourhoods": gettext_lazy("Cases per neighbourhood, most first"),
    "social": gettext_lazy("Cases per social-media account"),
    "directorates": gettext_lazy("Cases per directorate"),
    "answering": gettext_lazy("Per cent answered within the legal deadline"),
}


def sections(report):
    """Each table with the rows its chart draws and its table lists (the neighbourhoods sorted by their cases)."""
    found = []
    for table in report.tables:
        rows = table.rows
        if table.key == "neighbourhoods":
            # The report lists them alphabetically; a chart reads best sorted, and its table follows it.
            rows = sorted(rows, key=lambda row: -row[1])
        found.append(
            {
                "table": table,
                "rows": rows,
                # Each figure with its column's name: on a phone a wide table becomes a card per row.
                "cells": [(row[0], list(zip(row[1:], table.columns[1:], strict=True))) for row in rows],
                "chart": [(row[0], row[table.chart_column] or 0) for row in rows],
                "chart_title": CHART_TITLES.get(table.key, table.title),
                "id": f"tablo-{table.key}",
            }
        )
    return found


@require_safe
def dashboard(request):
    form = PeriodForm(request.GET or None)
    if not request.GET:
        form = PeriodForm({"year": timezone.localdate().year})
    report = counted_at = None
    if form.is_valid():
        report, counted_at = figures.report(form.cleaned_data["start"], form.cleaned_data["end"])
    year = form.cleaned_data.get("year") if form.is_valid() else None
    data_year = str(year) if year and str(year) in map(str, open_data.years()) else open_data.ALL
    return TemplateResponse(
        request,
        "transparency/dashboard.html",
        {
            "form": form,
            "report": report,
            "counted_at": counted_at,
            "sections": sections(report) if report else [],
            "title": _("Transparency: how the municipality answers"),
            "data_links": [
                (dataset, open_data.file_url(dataset, data_year, "csv"), open_data.file_url(dataset, data_year, "json"))
                for dataset in open_data.DATASETS
            ],
            "data_period": data_year,
        },
    )


@require_safe
def catalogue(request):
    years = open_data.years()
    periods = [open_data.ALL, *map(str, reversed(years))]
    datasets = []
    for dataset in open_data.DATASETS:
        _text, made_at, count = open_data.snapshot(dataset, open_data.ALL, "json", request)
        datasets.append(
            {
                "dataset": dataset,
                "rows": count,
                "made_at": made_at,
                "files": [
                    (period, open_data.file_url(dataset, period, "csv"), open_data.file_url(dataset, period, "json"))
                    for period in periods
                ],
            }
        )
    return TemplateResponse(
        request,
        "transparency/catalogue.html",
        {
            "datasets": datasets,
            "licence_name": open_data.LICENCE_NAME,
            "licence_url": open_data.LICENCE_URL,
            "title": _("Open data of the Çözüm Merkezi"),
        },
    )
