"""The job seeker's CV form: the CV itself, its rows (education, experience, languages) and the consents."""

import datetime
from itertools import groupby

from django import forms
from django.forms.models import BaseInlineFormSet, inlineformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from employment import cv_files, seekers
from employment.models import CV, Education, EmploymentConsent, Experience, Language, Occupation, WorkType
from places.models import Neighbourhood

SELECTABLE_LEVELS = [Occupation.Level.UNIT, Occupation.Level.OCCUPATION]
MAX_OCCUPATIONS = 10


def occupation_groups():
    """[(major group, [occupations one may choose under it])] in code order, from two queries."""
    majors = {group.code: group for group in Occupation.objects.filter(level=Occupation.Level.MAJOR)}
    selectable = Occupation.objects.filter(level__in=SELECTABLE_LEVELS).order_by("code")
    groups = []
    for major_code, members in groupby(selectable, key=lambda occupation: occupation.code[0]):
        major = majors.get(major_code)
        groups.append((major, list(members)))
    return groups


def occupation_choices(groups):
    """The grouped choices of a <select>: [(major group's name, [(pk, "code name")])]."""
    return [
        (str(major) if major else "", [(occupation.pk, str(occupation)) for occupation in members])
        for major, members in groups
    ]


class OccupationsField(forms.ModelMultipleChoiceField):
    """Occupations sought: checkboxes grouped by ISCO-08 major group (the template draws them)."""

    def __init__(self, **kwargs):
        super().__init__(
            queryset=Occupation.objects.filter(level__in=SELECTABLE_LEVELS),
            widget=forms.CheckboxSelectMultiple,
            **kwargs,
        )

    def clean(self, value):
        if value and len(value) > MAX_OCCUPATIONS:
            raise forms.ValidationError(
                _("Choose at most %(count)d occupations; you chose %(chosen)d.")
                % {"count": MAX_OCCUPATIONS, "chosen": len(value)}
            )
        return super().clean(value)


class CVForm(forms.ModelForm):
    work_types = forms.MultipleChoiceField(
        label=_("Work types wanted"),
        choices=WorkType.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    occupations = OccupationsField(
        label=_("Occupations you are looking for"),
        required=False,
        help_text=_("Up to ten, from the ISCO-08 classification. Type in the filter box to find one."),
    )
    consent_processing = forms.BooleanField(
        label=seekers.PROCESSING_WORDING,
        required=False,
    )
    consent_disability = forms.BooleanField(
        label=seekers.DISABILITY_WORDING,
        required=False,
    )
    consent_sharing = forms.BooleanField(
        label=seekers.SHARING_WORDING,
        required=False,
        help_text=_("Optional. Without it the centre keeps your CV but cannot propose you to employers."),
    )

    class Meta:
        model = CV
        fields = [
            "full_name",
            "email",
            "phone",
            "birth_year",
            "neighbourhood",
            "summary",
            "occupations",
            "skills",
            "driving_licence",
            "work_types",
            "available_from",
            "disability_quota",
        ]
        labels = {"neighbourhood": _("Neighbourhood (mahalle)")}
        widgets = {
            "full_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "birth_year": forms.NumberInput(attrs={"inputmode": "numeric", "min": 1930, "max": 2015}),
            "summary": forms.Textarea(attrs={"rows": 4, "maxlength": 2000}),
            "skills": forms.Textarea(attrs={"rows": 3, "maxlength": 2000}),
            "available_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "disability_quota": forms.RadioSelect,
        }
        help_texts = {
            "skills": _("One per line or separated by commas, e.g. forklift licence, MS Excel, customer relations."),
            "summary": _("A few sentences on what you do well and what you are looking for."),
        }

    def __init__(self, *args, consents=None, groups=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.standing = consents or {}
        self.groups = groups if groups is not None else occupation_groups()
        # The choices drawn from the groups already read, so the page asks the database once for them.
        self.fields["occupations"].choices = [
            (occupation.pk, str(occupation)) for _major, members in self.groups for occupation in members
        ]
        self.fields["neighbourhood"].queryset = Neighbourhood.objects.in_turkish_order()
        self.fields["neighbourhood"].empty_label = _("Choose your neighbourhood")
        self.fields["full_name"].label = _("Name and surname")
        self.fields["driving_licence"].choices = [("", _("No driving licence"))] + [
            choice for choice in CV.DrivingLicence.choices if choice[0]
        ]
        self.fields["disability_quota"].choices = CV.Quota.choices
        self.fields["disability_quota"].label = _("Your answer")
        self.fields["email"].required = True
        if EmploymentConsent.Purpose.PROCESSING in self.standing:
            del self.fields["consent_processing"]
        if EmploymentConsent.Purpose.SHARING in self.standing:
            del self.fields["consent_sharing"]
        processing = self.standing.get(EmploymentConsent.Purpose.PROCESSING)
        if seekers.covers_disability(processing):
            del self.fields["consent_disability"]
        if self.instance.pk is None and not self.initial.get("work_types"):
            self.initial["work_types"] = [WorkType.FULL_TIME]

    def clean_available_from(self):
        value = self.cleaned_data.get("available_from")
        if value and value > timezone.localdate() + datetime.timedelta(days=366):
            raise forms.ValidationError(_("Choose a date within the next year."))
        return value

    def clean(self):
        data = super().clean()
        if "consent_processing" in self.fields and not data.get("consent_processing"):
            self.add_error(
                "consent_processing", _("The centre can keep your CV only with your consent: tick the box to save it.")
            )
        disability = data.get("disability_quota") == CV.Quota.ELIGIBLE
        if disability and "consent_disability" in self.fields and not data.get("consent_disability"):
            self.add_error(
                "consent_disability",
                _(
                    "To declare a disability status, tick this box; or choose “I prefer not to say” and "
                    "the centre keeps nothing about it."
                ),
            )
        return data

    @property
    def consents_given(self):
        data = self.cleaned_data
        return {
            "processing": bool(data.get("consent_processing") or data.get("consent_disability")),
            "sharing": bool(data.get("consent_sharing")),
        }


LANGUAGE_NAMES = [
    _("Turkish"),
    _("English"),
    _("German"),
    _("Arabic"),
    _("French"),
    _("Russian"),
    _("Kurdish"),
    _("Persian"),
    _("Spanish"),
    _("Italian"),
    _("Turkish Sign Language"),
]


def language_names():
    """Suggestions for the language field (a <datalist>): any other language may be typed."""
    return [str(name) for name in LANGUAGE_NAMES]


def _choose_first(field):
    field.choices = [("", _("Choose")), *[choice for choice in field.choices if choice[0]]]


class RowFormSet(BaseInlineFormSet):
    """A CV's rows: a blank row to fill, rows ticked "Remove this row" deleted."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove this row")


class EducationForm(forms.ModelForm):
    class Meta:
        model = Education
        fields = ["level", "school", "field", "graduated"]
        widgets = {"graduated": forms.NumberInput(attrs={"inputmode": "numeric", "min": 1950})}
        labels = {"graduated": _("Year of graduation (or expected)")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _choose_first(self.fields["level"])

    def clean_graduated(self):
        year = self.cleaned_data.get("graduated")
        this_year = timezone.localdate().year
        if year is not None and not 1950 <= year <= this_year + 6:
            raise forms.ValidationError(_("Write a year between 1950 and %(last)d.") % {"last": this_year + 6})
        return year


class ExperienceForm(forms.ModelForm):
    class Meta:
        model = Experience
        fields = ["employer", "position", "years", "occupation"]
        widgets = {"years": forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.5", "min": 0, "max": 60})}
        labels = {"years": _("Years worked"), "occupation": _("Occupation")}
        help_texts = {"years": _("For example 2 or 1.5.")}

    def __init__(self, *args, occupation_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["occupation"]
        field.queryset = Occupation.objects.filter(level__in=SELECTABLE_LEVELS)
        field.empty_label = _("Choose if you like")
        if occupation_choices is not None:
            # The same list for every row: the rows ask the database nothing to draw it.
            field.choices = [("", field.empty_label), *occupation_choices]


class LanguageForm(forms.ModelForm):
    class Meta:
        model = Language
        fields = ["language", "level"]
        labels = {"language": _("Language")}
        widgets = {"language": forms.TextInput(attrs={"list": "cv-language-names"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _choose_first(self.fields["level"])


def _formset(model, form, max_num):
    return inlineformset_factory(
        CV, model, form=form, formset=RowFormSet, extra=1, can_delete=True, max_num=max_num, validate_max=True
    )


EducationFormSet = _formset(Education, EducationForm, 10)
ExperienceFormSet = _formset(Experience, ExperienceForm, 15)
LanguageFormSet = _formset(Language, LanguageForm, 10)
FORMSETS = [("education", EducationFormSet), ("experience", ExperienceFormSet), ("languages", LanguageFormSet)]


def build(request, cv, consents):
    """The CV form and its three row formsets, bound to the request's data when it was sent."""
    data = request.POST if request.method == "POST" else None
    groups = occupation_groups()
    choices = occupation_choices(groups)
    form = CVForm(data, instance=cv, consents=consents, groups=groups)
    formsets = []
    for prefix, formset_class in FORMSETS:
        queryset = getattr(cv, prefix).all() if cv.pk else formset_class.model.objects.none()
        if prefix == "experience" and cv.pk:
            queryset = queryset.select_related("occupation")
        form_kwargs = {"occupation_choices": choices} if prefix == "experience" else None
        formsets.append(formset_class(data, instance=cv, prefix=prefix, queryset=queryset, form_kwargs=form_kwargs))
    return form, formsets


class FileForm(forms.Form):
    file = forms.FileField(
        label=_("CV file (PDF or Word)"),
        help_text=_("PDF or Word (.docx), at most 5 MB. Author and other hidden details are removed."),
        widget=forms.FileInput(attrs={"accept": cv_files.ACCEPT}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            return cv_files.clean_cv_file(upload)
        except cv_files.CVFileRefused as refusal:
            raise forms.ValidationError(refusal.message) from refusal
