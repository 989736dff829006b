"""What every open-data file of the portal shares (the council's at /acik-veri/kent-konseyi/, the register's at
/seffaflik/veri/): the licence, the column description, and the CSV that spreadsheets read safely.

Below both users, so neither imports the other's.
"""

from dataclasses import dataclass

import tablib

from theme.exports import CSV, dataset_export

LICENCE_NAME = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"


@dataclass(frozen=True)
class Column:
    name: str
    meaning: str
    choices: type | None = None  # a TextChoices whose keys the column holds, listed on the page with their labels

    def values(self):
        return [(key, label) for key, label in self.choices.choices] if self.choices else []


def text_value(value):
    """A value as the CSV writes it: booleans as true/false, nothing as an empty cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def csv_text(headers, rows):
    """UTF-8 with a byte-order mark (so Excel reads the Turkish letters); no cell can start a formula."""
    table = tablib.Dataset(headers=headers)
    for row in rows:
        table.append([text_value(value) for value in row])
    return dataset_export(table, CSV)
