"""A survey's figures, counted by the database from the Answer rows.

Two grouped queries give every count, whatever the number of answers: one for
the chosen options and values, one for how many people answered the questions
that take several values each. Percentages are of the people who answered the
question, so the options of a multiple-choice question add up to more than 100.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from assemblies.models import AGE_GROUPS
from places.models import Neighbourhood
from surveys import answering
from surveys.models import Answer, Question, Response, SurveyPage

TEXTS_SHOWN = 50
REMOVED = _("(an option since removed)")


@dataclass
class Row:
    label: str
    count: int
    percent: float = 0.0
    average: float | None = None
    values: list = field(default_factory=list)


@dataclass
class QuestionResult:
    number: int
    question: Question
    answered: int = 0
    rows: list = field(default_factory=list)
    average: float | None = None
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    scale: list = field(default_factory=list)
    texts: list = field(default_factory=list)

    @property
    def kind(self):
        return self.question.kind

    @property
    def table_id(self):
        return f"tablo-{self.question.key}"

    def chart_rows(self):
        return [(row.label, row.count) for row in self.rows]


@dataclass
class Report:
    survey: SurveyPage
    total: int
    results: list
    breakdowns_allowed: bool

    def breakdown_questions(self):
        kinds = {Question.Kind.SINGLE, Question.Kind.DROPDOWN, Question.Kind.YES_NO, Question.Kind.SCALE}
        return [result for result in self.results if result.kind in kinds]


def _percent(count, of):
    return round(100 * count / of, 1) if of else 0.0


def questions_in_language(survey):
    return [question for question in survey.questions_in_language() if not question.is_section]


def report(survey, include_texts=False):
    canonical = survey.canonical
    questions = questions_in_language(survey)
    answers = Answer.objects.filter(survey_id=canonical.pk)
    grouped = {}
    for key, option, number, count in (
        answers.exclude(option="", number=None)
        .values("question_key", "option", "number")
        .annotate(count=Count("id"))
        .values_list("question_key", "option", "number", "count")
        .order_by()
    ):
        grouped.setdefault(key, []).append((option, number, count))
    several = [
        question.key
        for question in questions
        if question.kind in (Question.Kind.MULTIPLE, Question.Kind.MATRIX, Question.Kind.RANKING)
    ]
    people = dict(
        answers.filter(question_key__in=several)
        .values("question_key")
        .annotate(count=Count("response_id", distinct=True))
        .values_list("question_key", "count")
        .order_by()
    )
    texts = _texts(answers, questions, include_texts)
    results = []
    for number, question in enumerate(questions, start=1):
        result = QuestionResult(number=number, question=question)
        rows = grouped.get(question.key, [])
        builder = _BUILDERS.get(question.kind)
        if builder:
            builder(result, rows, people.get(question.key, 0))
        else:
            result.answered, result.texts = texts.get(question.key, (0, []))
        results.append(result)
    return Report(
        survey=survey,
        total=Response.objects.filter(survey_id=canonical.pk).count(),
        results=results,
        breakdowns_allowed=not canonical.anonymous and canonical.audience != SurveyPage.Audience.ANYONE,
    )


def _texts(answers, questions, include_texts):
    """(how many answered, the latest texts) for free-text and date questions; texts only for coordinators."""
    keys = [question.key for question in questions if question.kind in answering.TEXT_LIMITS]
    keys += [question.key for question in questions if question.kind == Question.Kind.DATE]
    counts = dict(
        answers.filter(question_key__in=keys, option="")
        .values("question_key")
        .annotate(count=Count("id"))
        .values_list("question_key", "count")
        .order_by()
    )
    found = {key: (counts.get(key, 0), []) for key in keys}
    if include_texts:
        for key in keys:
            latest = answers.filter(question_key=key).order_by("-pk").values_list("text", flat=True)[:TEXTS_SHOWN]
            found[key] = (counts.get(key, 0), list(latest))
    return found


def _choices(result, rows, people):
    question = result.question
    counts = {option: count for option, _number, count in rows}
    result.answered = people if question.kind == Question.Kind.MULTIPLE else sum(counts.values())
    options = answering.options_of(question)
    if question.kind == Question.Kind.NEIGHBOURHOOD:
        options = [(value, label) for value, label in options if counts.get(value)]
    known = {value for value, _label in options}
    for value, label in options:
        count = counts.get(value, 0)
        result.rows.append(Row(label=label, count=count, percent=_percent(count, result.answered)))
    removed = sum(count for option, count in counts.items() if option not in known)
    if removed:
        result.rows.append(Row(label=str(REMOVED), count=removed, percent=_percent(removed, result.answered)))


def _scale(result, rows, _people):
    counts = {int(number): count for _option, number, count in rows if number is not None}
    result.answered = sum(counts.values())
    result.scale = result.question.scale_values()
    for value in result.scale:
        count = counts.get(value, 0)
        result.rows.append(Row(label=str(value), count=count, percent=_percent(count, result.answered)))
    if result.answered:
        result.average = round(sum(value * count for value, count in counts.items()) / result.answered, 2)


def _number(result, rows, _people):
    values = [(number, count) for _option, number, count in rows if number is not None]
    result.answered = sum(count for _number, count in values)
    if values:
        result.average = round(float(sum(number * count for number, count in values)) / result.answered, 2)
        result.minimum = min(number for number, _count in values)
        result.maximum = max(number for number, _count in values)


def _matrix(result, rows, people):
    question = result.question
    result.answered = people
    result.scale = question.scale_values()
    by_row = {}
    for option, number, count in rows:
        by_row.setdefault(option, {})[int(number)] = count
    for row_key, row_label in question.row_list():
        counts = by_row.get(row_key, {})
        answered = sum(counts.values())
        average = round(sum(v * c for v, c in counts.items()) / answered, 2) if answered else None
        result.rows.append(
            Row(
                label=row_label,
                count=answered,
                average=average,
                values=[(counts.get(value, 0), _percent(counts.get(value, 0), answered)) for value in result.scale],
            )
        )


def _ranking(result, rows, people):
    question = result.question
    result.answered = people
    places = {}
    for option, number, count in rows:
        places.setdefault(option, {})[int(number)] = count
    for item_key, item_label in question.choice_list():
        counts = places.get(item_key, {})
        ranked = sum(counts.values())
        average = round(sum(p * c for p, c in counts.items()) / ranked, 2) if ranked else None
        result.rows.append(
            Row(label=item_label, count=counts.get(1, 0), percent=_percent(counts.get(1, 0), people), average=average)
        )
    result.rows.sort(key=lambda row: (row.average is None, row.average or 0))


_BUILDERS = {
    Question.Kind.SINGLE: _choices,
    Question.Kind.DROPDOWN: _choices,
    Question.Kind.YES_NO: _choices,
    Question.Kind.NEIGHBOURHOOD: _choices,
    Question.Kind.MULTIPLE: _choices,
    Question.Kind.SCALE: _scale,
    Question.Kind.NUMBER: _number,
    Question.Kind.MATRIX: _matrix,
    Question.Kind.RANKING: _ranking,
}


# Breakdowns by mahalle or age group (surveys for signed-in people that are not anonymous)

BY_NEIGHBOURHOOD, BY_AGE = "mahalle", "yas"


@dataclass
class Breakdown:
    result: QuestionResult
    by: str
    columns: list  # option labels
    rows: list  # (group label, [counts], total)

    @property
    def by_label(self):
        return _("Neighbourhood") if self.by == BY_NEIGHBOURHOOD else _("Age group")


def breakdown_from_request(survey, report, query):
    choices = report.breakdown_questions()
    if not choices:
        return None
    wanted = query.get("soru")
    result = next((item for item in choices if item.question.key == wanted), choices[0])
    by = BY_AGE if query.get("gore") == BY_AGE else BY_NEIGHBOURHOOD
    return breakdown(survey, result, by)


def breakdown(survey, result, by):
    question = result.question
    group_field = "response__neighbourhood_id" if by == BY_NEIGHBOURHOOD else "response__age_group"
    value_field = "number" if question.kind == Question.Kind.SCALE else "option"
    counts = {}
    for group, value, count in (
        Answer.objects.filter(survey_id=survey.canonical.pk, question_key=question.key)
        .values(group_field, value_field)
        .annotate(count=Count("id"))
        .values_list(group_field, value_field, "count")
        .order_by()
    ):
        key = str(int(value)) if value_field == "number" and value is not None else value
        counts.setdefault(group, {})[key] = count
    if question.kind == Question.Kind.SCALE:
        columns = [(str(value), str(value)) for value in question.scale_values()]
    else:
        columns = answering.options_of(question)
    if by == BY_NEIGHBOURHOOD:
        names = dict(Neighbourhood.objects.filter(pk__in=[g for g in counts if g]).values_list("pk", "name"))
        groups = [(pk, names[pk]) for pk in names]
        from places.turkish import sorted_turkish

        groups = sorted_turkish(groups, key=lambda pair: pair[1])
    else:
        groups = [(key, str(label)) for key, label, _low, _high in AGE_GROUPS if key in counts]
    if None in counts or "" in counts:
        groups.append((None if by == BY_NEIGHBOURHOOD else "", str(_("Not known"))))
    rows = []
    for group, label in groups:
        cells = counts.get(group, {})
        values = [cells.get(value, 0) for value, _label in columns]
        rows.append((label, values, sum(values)))
    return Breakdown(result=result, by=by, columns=[label for _value, label in columns], rows=rows)
