"""The open-data page: the council's meetings, attendance, minutes and opinions as CSV and JSON.

Each dataset is described from its definition in council/open_data.py (what it holds, every column and the
meaning of its coded values), with its row count, its last change and links to both files.
"""

from council import open_data


def index(request, page):
    datasets = []
    for dataset in open_data.DATASETS:
        rows, changed = dataset.summary()
        datasets.append(
            {
                "dataset": dataset,
                "rows": rows,
                "changed": changed,
                "csv_url": open_data.file_url(dataset, "csv"),
                "json_url": open_data.file_url(dataset, "json"),
            }
        )
    return page.render(
        request,
        template="council/open_data.html",
        context_overrides={
            "datasets": datasets,
            "licence_name": open_data.LICENCE_NAME,
            "licence_url": open_data.LICENCE_URL,
        },
    )
