"""The survey editor's form: conditions are chosen from the survey's own questions and checked as a whole."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


def condition_choices(questions):
    """Earlier questions a condition may point to, numbered as the editor sees them."""
    from surveys.models import Question

    choices = [("", _("— always shown —"))]
    number = 0
    for question in questions:
        if question.kind == Question.Kind.SECTION:
            continue
        number += 1
        if question.kind in Question.CONDITION_KINDS:
            choices.append((question.key, f"{number}. {question.label[:80]}"))
    return choices


class SurveyPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        formset = self.formsets.get("questions")
        if formset is None:
            return
        questions = list(self.instance.questions.all()) if self.instance else []
        choices = condition_choices(questions)
        base_form = formset.form

        class QuestionForm(base_form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                self.fields["condition_question"].widget = forms.Select(choices=choices)

        formset.form = QuestionForm

    def _ordered_questions(self):
        """The questions as they will be saved: (form, key, cleaned data), deleted ones left out."""
        formset = self.formsets["questions"]
        formset.is_valid()  # the page form is cleaned before its formsets: clean the questions first
        rows = []
        for position, form in enumerate(formset.forms):
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE"):
                continue
            order = data.get("ORDER")
            rows.append((order if order is not None else position, position, form, form.instance.key, data))
        rows.sort(key=lambda row: (row[0], row[1]))
        return [(form, key, data) for _order, _position, form, key, data in rows]

    def clean(self):
        from surveys import answering
        from surveys.models import Question, Response, SurveyPage

        cleaned = super().clean()
        parent = getattr(self, "parent_page", None)
        if cleaned.get("audience") == SurveyPage.Audience.MEMBERS and parent is not None:
            from assemblies.models import AssemblyPage

            if not isinstance(parent.specific, AssemblyPage):
                self.add_error("audience", _("Only a survey of an assembly can be for its members."))
        if self.instance.pk and "anonymous" in cleaned:
            stored = SurveyPage.objects.filter(pk=self.instance.pk).values_list("anonymous", flat=True).first()
            if stored is not None and stored != cleaned["anonymous"] and Response.objects.of(self.instance).exists():
                self.add_error("anonymous", _("People have answered already: this can no longer be changed."))
        if cleaned.get("anonymous") and cleaned.get("allow_changes"):
            self.add_error(
                "allow_changes",
                _("In an anonymous survey nothing leads from a person to their answer, so it cannot be changed."),
            )
        if "questions" not in self.formsets:
            return cleaned
        earlier = {}
        for form, key, data in self._ordered_questions():
            source_key = data.get("condition_question")
            answer = (data.get("condition_answer") or "").strip()
            if source_key and answer:
                source = earlier.get(source_key)
                if source is None:
                    form.add_error("condition_question", _("A condition can only point to an earlier question."))
                elif answering.condition_target(source, answer) is None:
                    form.add_error(
                        "condition_answer",
                        _("“%(answer)s” is not an answer to that question. It has: %(options)s.")
                        % {"answer": answer, "options": ", ".join(answering.condition_options(source))},
                    )
            kind = data.get("kind")
            if kind in Question.CONDITION_KINDS:
                # An unsaved view of the question, so conditions are checked against the options as now written.
                earlier[key] = Question(
                    key=key, kind=kind, choices=data.get("choices", ""), choice_keys=form.instance.choice_keys
                )
        return cleaned
