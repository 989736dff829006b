"""Answers as CSV or XLSX, one row per answer and one column per question (multiple choice, matrix and ranking
split into a column per option or row), streamed so that memory stays flat however many answers there are."""

import csv
import itertools
import tempfile

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from assemblies.models import AGE_GROUPS
from surveys import answering, results
from surveys.models import Question, Response
from theme.exports import safe_row, xlsx_rows

CHUNK = 2000
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class Columns:
    """The header and, for each stored answer, the row: built once per export from the questions."""

    def __init__(self, survey):
        self.survey = survey.canonical
        self.personal = not self.survey.anonymous
        self.questions = results.questions_in_language(survey)
        self.header = [_("Answer no."), _("Date")]
        if self.personal:
            self.header += [_("Name and surname"), _("E-mail"), _("Neighbourhood"), _("Age group")]
        self.cells = []  # (question key, how to read it, part key)
        for question in self.questions:
            kind = question.kind
            if kind == Question.Kind.MULTIPLE:
                for key, label in question.choice_list():
                    self.header.append(f"{question.label}: {label}")
                    self.cells.append((question.key, "chosen", key))
            elif kind in (Question.Kind.MATRIX, Question.Kind.RANKING):
                parts = question.row_list() if kind == Question.Kind.MATRIX else question.choice_list()
                for key, label in parts:
                    self.header.append(f"{question.label}: {label}")
                    self.cells.append((question.key, "part", key))
            else:
                self.header.append(question.label)
                one_option = (
                    Question.Kind.SINGLE,
                    Question.Kind.DROPDOWN,
                    Question.Kind.YES_NO,
                    Question.Kind.NEIGHBOURHOOD,
                )
                labels = dict(answering.options_of(question)) if kind in one_option else None
                self.cells.append((question.key, "labelled" if labels else "plain", labels))
        self.age_labels = {key: str(label) for key, label, _low, _high in AGE_GROUPS}

    def rows(self):
        fields = ["pk", "submitted_on", "answers"]
        if self.personal:
            fields += ["user__first_name", "user__last_name", "user__email", "neighbourhood__name", "age_group"]
        found = Response.objects.filter(survey_id=self.survey.pk)
        if self.personal:
            found = found.order_by("pk").values_list(*fields)
            for record in found.iterator(chunk_size=CHUNK):
                yield self.row(record)
            return
        # An anonymous answer's stored number is random (surveys/responses.py): the file numbers them itself,
        # by day, in an order that says nothing about who came first.
        found = found.order_by("submitted_on", "pk").values_list(*fields)
        for number, record in enumerate(found.iterator(chunk_size=CHUNK), start=1):
            yield self.row((number, *record[1:]))

    def row(self, record):
        answers = record[2]
        row = [record[0], record[1].strftime("%d.%m.%Y")]  # as written in Turkey, not ISO
        if self.personal:
            first, last, email, neighbourhood, age_group = record[3:]
            row += [
                f"{first or ''} {last or ''}".strip(),
                email or "",
                neighbourhood or "",
                self.age_labels.get(age_group, ""),
            ]
        for key, how, extra in self.cells:
            value = answers.get(key)
            if how == "chosen":
                row.append(1 if value and extra in value else 0 if value is not None else "")
            elif how == "part":
                row.append((value or {}).get(extra, ""))
            elif how == "labelled":
                row.append(extra.get(value, value) if value is not None else "")
            else:
                row.append("" if value is None else value)
        return row


def _filename(survey, extension):
    return f"{survey.slug}-yanitlar-{timezone.localdate().isoformat()}.{extension}"


class _Echo:
    def write(self, value):
        return value


def csv_response(survey):
    columns = Columns(survey)
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff" + writer.writerow(safe_row(columns.header))
        for row in columns.rows():
            yield writer.writerow(safe_row(row))

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(survey, "csv")}"'
    response["Cache-Control"] = "no-store"
    return response


def xlsx_response(survey):
    """Written row by row in openpyxl's write-only mode to a temporary file, then streamed from it."""
    from openpyxl import Workbook

    columns = Columns(survey)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Answers")[:31])
    for row in xlsx_rows(sheet, itertools.chain([columns.header], columns.rows())):
        sheet.append(row)
    spool = tempfile.TemporaryFile()
    workbook.save(spool)
    spool.seek(0)
    response = FileResponse(spool, content_type=XLSX_TYPE, as_attachment=True, filename=_filename(survey, "xlsx"))
    response["Cache-Control"] = "no-store"
    return response
