"""Answering a survey: its steps, which questions are shown, and the form of one step.

Answers are plain JSON by question key (see surveys/keys.py):
text, date, number → a string; single choice, dropdown, yes/no, mahalle → the
option key; multiple choice → a list of keys; scale → an integer; matrix →
{row key: value}; ranking → {option key: place}.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from places.models import Neighbourhood
from surveys.models import Question

TEXT_LIMITS = {Question.Kind.SHORT_TEXT: 300, Question.Kind.LONG_TEXT: 5000}
YES, NO = "yes", "no"


def yes_no_choices():
    return [(YES, _("Yes")), (NO, _("No"))]


def options_of(question):
    """[(value, label)] a choice question offers."""
    if question.kind == Question.Kind.YES_NO:
        return [(value, str(label)) for value, label in yes_no_choices()]
    if question.kind == Question.Kind.NEIGHBOURHOOD:
        return [(str(place.pk), place.name) for place in Neighbourhood.objects.in_turkish_order()]
    return question.choice_list()


def condition_options(question):
    return [label for _value, label in options_of(question)]


def condition_target(question, answer):
    """The stored value meaning `answer` (as the editor wrote it) for `question`, or None."""
    wanted = answer.strip().casefold()
    if question.kind == Question.Kind.YES_NO:
        words = {YES: {"yes", "evet", str(_("Yes")).casefold()}, NO: {"no", "hayır", "hayir", str(_("No")).casefold()}}
        return next((value for value, said in words.items() if wanted in said), None)
    for value, label in options_of(question):
        if label.casefold() == wanted:
            return value
    return None


@dataclass
class Step:
    section: Question | None
    questions: list = field(default_factory=list)


def steps_of(questions):
    """The survey split into steps at each section; questions before the first section form a step of their own."""
    steps = []
    for question in questions:
        if question.is_section:
            steps.append(Step(section=question))
        else:
            if not steps:
                steps.append(Step(section=None))
            steps[-1].questions.append(question)
    return [step for step in steps if step.questions]


def is_shown(question, answers, by_key):
    """Whether `question` (or section) is shown, given the answers so far."""
    if not question.condition_question:
        return True
    source = by_key.get(question.condition_question)
    if source is None:  # the question it depended on was removed: show it rather than lose it
        return True
    expected = condition_target(source, question.condition_answer)
    given = answers.get(source.key)
    if expected is None or given in (None, "", []):
        return False
    if isinstance(given, list):
        return expected in given
    return given == expected


def visible_steps(questions, answers):
    by_key = {question.key: question for question in questions}
    result = []
    for step in steps_of(questions):
        if step.section is not None and not is_shown(step.section, answers, by_key):
            continue
        result.append(step)
    return result


def visible_answers(questions, answers):
    """Only the answers to questions that are shown: hidden questions are neither required nor stored."""
    by_key = {question.key: question for question in questions}
    kept = {}
    for step in visible_steps(questions, answers):
        for question in step.questions:
            if question.key in answers and is_shown(question, answers, by_key):
                kept[question.key] = answers[question.key]
    return kept


def missing_required(questions, answers):
    """The first visible required question without an answer, or None."""
    by_key = {question.key: question for question in questions}
    for index, step in enumerate(visible_steps(questions, answers)):
        for question in step.questions:
            if question.required and is_shown(question, answers, by_key) and is_empty(answers.get(question.key)):
                return index, question
    return None


def is_empty(value):
    return value in (None, "", [], {})


def _number(value):
    """12.50 → "12,5" in Turkish: a limit as people write it."""
    if value is None:
        return ""
    return number_format(Decimal(value).quantize(Decimal("0.01")).normalize() if value % 1 else int(value))


def _field_name(question, part=None):
    return f"q-{question.key}" if part is None else f"q-{question.key}-{part}"


class StepForm(forms.Form):
    """The form of one step. Every field is optional to Django: whether a question must be answered depends on
    the conditions, so `clean` decides it, with one message per question."""

    def __init__(self, questions, earlier_answers, *args, all_questions=None, **kwargs):
        self.earlier_answers = earlier_answers
        self.all_questions = all_questions or questions
        by_key = {question.key: question for question in self.all_questions}
        here = {question.key for question in questions}
        # A question that depends on an earlier step is settled already: leave it out when hidden.
        self.questions = [
            question
            for question in questions
            if question.condition_question in here or is_shown(question, earlier_answers, by_key)
        ]
        questions = self.questions
        super().__init__(*args, **kwargs)
        self.blocks = []
        for question in questions:
            self.blocks.append(self._add(question))

    def _add(self, question):
        kind = question.kind
        name = _field_name(question)
        help_text = question.help_text
        common = {"label": question.label, "required": False, "help_text": help_text}
        block = {"question": question, "kind": kind, "name": name, "fields": []}
        if kind in TEXT_LIMITS:
            widget = forms.Textarea(attrs={"rows": 5}) if kind == Question.Kind.LONG_TEXT else forms.TextInput
            self.fields[name] = forms.CharField(
                max_length=TEXT_LIMITS[kind],
                widget=widget,
                error_messages={"max_length": _("Please keep it under %(limit_value)d characters.")},
                **common,
            )
        elif kind in (Question.Kind.SINGLE, Question.Kind.YES_NO):
            self.fields[name] = forms.ChoiceField(choices=options_of(question), widget=forms.RadioSelect, **common)
        elif kind in (Question.Kind.DROPDOWN, Question.Kind.NEIGHBOURHOOD):
            self.fields[name] = forms.ChoiceField(choices=[("", _("Choose…"))] + options_of(question), **common)
        elif kind == Question.Kind.MULTIPLE:
            self.fields[name] = forms.MultipleChoiceField(
                choices=options_of(question), widget=forms.CheckboxSelectMultiple, **common
            )
        elif kind == Question.Kind.SCALE:
            self.fields[name] = forms.TypedChoiceField(
                choices=self._scale_choices(question), coerce=int, widget=forms.RadioSelect, **common
            )
        elif kind == Question.Kind.NUMBER:
            self.fields[name] = forms.DecimalField(
                min_value=question.number_min,
                max_value=question.number_max,
                decimal_places=2,
                max_digits=12,
                localize=True,
                widget=forms.TextInput(attrs={"inputmode": "decimal"}),
                error_messages={
                    "invalid": _("Enter a number, such as 12 or 3,5."),
                    "min_value": _("The number cannot be below %(limit)s.") % {"limit": _number(question.number_min)},
                    "max_value": _("The number cannot be above %(limit)s.") % {"limit": _number(question.number_max)},
                },
                **common,
            )
        elif kind == Question.Kind.DATE:
            self.fields[name] = forms.DateField(
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                input_formats=["%Y-%m-%d", "%d.%m.%Y"],
                error_messages={"invalid": _("Enter a date, such as 23.04.2026.")},
                **common,
            )
        elif kind == Question.Kind.MATRIX:
            for row_key, row_label in question.row_list():
                part = _field_name(question, row_key)
                self.fields[part] = forms.TypedChoiceField(
                    label=row_label,
                    required=False,
                    coerce=int,
                    choices=[(value, str(value)) for value in question.scale_values()],
                    widget=forms.RadioSelect,
                )
                block["fields"].append((row_key, row_label, part))
        elif kind == Question.Kind.RANKING:
            choice_list = question.choice_list()
            count = len(choice_list)
            out_of_range = _("Give a place from 1 to %(count)d.") % {"count": count}
            for item_key, item_label in choice_list:
                part = _field_name(question, item_key)
                self.fields[part] = forms.IntegerField(
                    label=item_label,
                    required=False,
                    min_value=1,
                    max_value=count,
                    widget=forms.NumberInput(attrs={"class": "ranking__place", "inputmode": "numeric"}),
                    error_messages={"invalid": out_of_range, "min_value": out_of_range, "max_value": out_of_range},
                )
                block["fields"].append((item_key, item_label, part))
        return block

    def _scale_choices(self, question):
        choices = []
        for value in question.scale_values():
            label = str(value)
            if value == 1 and question.scale_low_label:
                label = f"{value} ({question.scale_low_label})"
            elif value == question.scale_size and question.scale_high_label:
                label = f"{value} ({question.scale_high_label})"
            choices.append((value, label))
        return choices

    # Values in and out

    @classmethod
    def initial_from(cls, questions, answers):
        """Form initial data from stored answers, to go back a step or change an answer."""
        initial = {}
        for question in questions:
            value = answers.get(question.key)
            if value is None:
                continue
            if question.kind in (Question.Kind.MATRIX, Question.Kind.RANKING):
                for part, part_value in value.items():
                    initial[_field_name(question, part)] = part_value
            else:
                initial[_field_name(question)] = value
        return initial

    def answers(self):
        """This step's valid answers as JSON, leaving out empty ones (also after errors, to keep what was right)."""
        data = getattr(self, "cleaned_data", {})
        result = {}
        for block in self.blocks:
            question = block["question"]
            if block["fields"]:
                parts = {key: data.get(part) for key, _label, part in block["fields"]}
                parts = {key: value for key, value in parts.items() if value not in (None, "")}
                if parts:
                    result[question.key] = parts
                continue
            value = data.get(block["name"])
            if isinstance(value, Decimal):
                value = format(value.normalize(), "f")
            elif isinstance(value, datetime.date):
                value = value.isoformat()
            elif isinstance(value, str):
                value = value.strip()
            if not is_empty(value):
                result[question.key] = value
        return result

    def clean(self):
        cleaned = super().clean()
        answers = {**self.earlier_answers, **self.answers()}
        by_key = {question.key: question for question in self.all_questions}
        for block in self.blocks:
            question = block["question"]
            shown = is_shown(question, answers, by_key)
            block["hidden"] = not shown
            if not shown:
                # Hidden: neither required nor stored.
                for name in [block["name"]] + [part for _key, _label, part in block["fields"]]:
                    self.errors.pop(name, None)
                    cleaned.pop(name, None)
                continue
            self._check(question, block, answers.get(question.key))
        return cleaned

    def _check(self, question, block, value):
        name = block["name"]
        error_field = block["fields"][0][2] if block["fields"] else name
        if any(part in self.errors for _key, _label, part in block["fields"]) or name in self.errors:
            return
        if question.kind == Question.Kind.MATRIX:
            if question.required and len(value or {}) < len(block["fields"]):
                self.add_error(error_field, _("Give a value for every row."))
            return
        if question.kind == Question.Kind.RANKING:
            places = list((value or {}).values())
            if len(places) != len(set(places)):
                twice = sorted({place for place in places if places.count(place) > 1})
                self.add_error(
                    error_field,
                    _("Give each item a different place: %(places)s is given to more than one item.")
                    % {"places": ", ".join(str(place) for place in twice)},
                )
            elif question.required and len(places) < len(block["fields"]):
                self.add_error(error_field, _("Give every item a place, 1 for the most important."))
            return
        if is_empty(value):
            if question.required:
                message = (
                    _("Choose at least one option.")
                    if question.kind == Question.Kind.MULTIPLE
                    else _("Please answer this question.")
                )
                self.add_error(name, message)
            return
        if question.kind == Question.Kind.MULTIPLE:
            if question.min_choices and len(value) < question.min_choices:
                self.add_error(name, _("Choose at least %(count)d options.") % {"count": question.min_choices})
            elif question.max_choices and len(value) > question.max_choices:
                self.add_error(name, _("Choose at most %(count)d options.") % {"count": question.max_choices})


def render_blocks(form, all_questions):
    """What the template needs for each question of a step: its fields, errors, and live condition."""
    by_key = {question.key: question for question in all_questions}
    here = {question.key for question in form.questions}
    current = {**form.earlier_answers, **form.answers()} if form.is_bound else form.earlier_answers
    if not form.is_bound:
        current = {**current, **_answers_from_initial(form)}
    result = []
    for block in form.blocks:
        question = block["question"]
        parts = [(key, label, form[part]) for key, label, part in block["fields"]]
        if question.kind == Question.Kind.RANKING:
            parts = ranked(parts, lambda part: part[2].value())
        field = form[block["name"]] if block["name"] in form.fields else None
        errors = [error for _key, _label, bound in parts for error in bound.errors]
        # Django points the erring part's aria-describedby at "<its id>_error"; the block's message carries that id.
        error_id = f"{parts[0][2].auto_id}_error" if parts else ""
        if field is not None:
            errors = list(field.errors)
        condition = None
        if question.condition_question in here:
            source = by_key[question.condition_question]
            condition = {
                "field": f"q-{source.key}",
                "value": condition_target(source, question.condition_answer),
                "question": source.label,
                "answer": question.condition_answer,
            }
        result.append(
            {
                "question": question,
                "kind": question.kind,
                "field": field,
                "parts": parts,
                "errors": errors,
                "error_id": error_id,
                "condition": condition,
                "hidden": condition is not None and not is_shown(question, current, by_key),
                "grouped": question.kind
                in (
                    Question.Kind.SINGLE,
                    Question.Kind.MULTIPLE,
                    Question.Kind.SCALE,
                    Question.Kind.YES_NO,
                    Question.Kind.MATRIX,
                    Question.Kind.RANKING,
                ),
                "scale": question.scale_values() if question.kind == Question.Kind.MATRIX else None,
            }
        )
    return result


def _answers_from_initial(form):
    """The answers an unbound form starts from, so conditional questions start shown or hidden correctly."""
    answers = {}
    for question in form.questions:
        value = form.initial.get(f"q-{question.key}")
        if value not in (None, ""):
            answers[question.key] = value
    return answers


def _place(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def ranked(items, place_of):
    """`items` in the order their places say, those without a (readable) place after, in the order given."""
    indexed = list(enumerate(items))
    indexed.sort(key=lambda pair: (_place(place_of(pair[1])) is None, _place(place_of(pair[1])) or 0, pair[0]))
    return [item for _index, item in indexed]


def move_in_ranking(question, data, item_key, direction):
    """The ranking answer after moving one item up or down a place, from the places posted in `data`.

    Moving gives every item a place, in the order shown, so a person who only moves items has ranked them all.
    """
    keys = [key for key, _label in question.choice_list()]
    order = ranked(keys, lambda key: data.get(_field_name(question, key)))
    if item_key in order:
        position = order.index(item_key)
        target = position - 1 if direction == "up" else position + 1
        if 0 <= target < len(order):
            order[position], order[target] = order[target], order[position]
    return {key: place for place, key in enumerate(order, start=1)}
