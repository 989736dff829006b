"""Forms of the employer's side: registering a firm, writing a vacancy, answering for a referred candidate."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.forms import NeighbourhoodChoiceField
from employment import tax_numbers
from employment.models import Firm, Occupation, Referral, Vacancy
from theme.text import tr_capfirst


def _phone(value):
    phone = (value or "").strip()
    digits = "".join(ch for ch in phone if ch.isdigit())
    if phone and not 10 <= len(digits) <= 12:
        raise forms.ValidationError(_("Enter a phone number of 10 or 11 digits, for example 0216 123 45 67."))
    return phone


class FirmForm(forms.ModelForm):
    """A firm as it registers: who it is (name, VKN), where, and whom the centre calls."""

    neighbourhood = NeighbourhoodChoiceField(label=tr_capfirst(Firm._meta.get_field("neighbourhood").verbose_name))
    # Longer than its ten digits: people type it with spaces ("123 456 78 90"); clean_tax_number keeps the digits.
    tax_number = forms.CharField(
        label=tr_capfirst(Firm._meta.get_field("tax_number").verbose_name),
        max_length=16,
        help_text=_("10 digits, on the tax plate. Sole proprietors use their own tax number."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={
            "unique": _(
                "A firm with this tax number is already registered. If you work for it, ask the employment "
                "centre to add you to the firm."
            )
        },
    )

    class Meta:
        model = Firm
        fields = [
            "name",
            "tax_number",
            "tax_office",
            "sector",
            "staff_count",
            "neighbourhood",
            "street",
            "building_no",
            "door_no",
            "contact_name",
            "contact_phone",
            "contact_email",
        ]
        help_texts = {
            "name": _("As on the firm's tax plate (vergi levhası)."),
            "sector": _("For example: textiles, retail, logistics, health."),
            "staff_count": _("Firms with 50 or more employees must employ disabled people (Labour Law 4857, art. 30)."),
            "contact_phone": _("For example 0216 123 45 67."),
        }
        widgets = {
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "contact_phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "staff_count": forms.NumberInput(attrs={"min": 1}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["street"].required = True
        self.fields["tax_office"].required = True

    def clean_tax_number(self):
        number = tax_numbers.normalise(self.cleaned_data["tax_number"])
        tax_numbers.validate_tax_number(number)
        return number

    def clean_contact_phone(self):
        return _phone(self.cleaned_data["contact_phone"])


class OccupationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, occupation):
        return f"{occupation.code} {occupation.name}"


class VacancyForm(forms.ModelForm):
    occupation = OccupationChoiceField(
        label=tr_capfirst(Vacancy._meta.get_field("occupation").verbose_name),
        queryset=Occupation.objects.none(),
        help_text=_("ISCO-08 occupation groups with their official Turkish names."),
    )
    neighbourhood = NeighbourhoodChoiceField(
        label=tr_capfirst(Vacancy._meta.get_field("neighbourhood").verbose_name),
        required=False,
        empty_label=_("Not in Ümraniye / several places"),
    )

    class Meta:
        model = Vacancy
        fields = [
            "title",
            "occupation",
            "positions",
            "work_type",
            "requirements",
            "skills",
            "wage_min",
            "wage_max",
            "neighbourhood",
            "closing_date",
            "disability_quota",
        ]
        help_texts = {
            "title": _("As a job seeker would search for it, for example “Sewing machine operator”."),
            "requirements": _("Education, experience, certificates, working hours."),
            "wage_min": _("Net monthly wage in Turkish lira."),
            "closing_date": _("The vacancy leaves the public list after this day."),
            "disability_quota": _("Tick if this vacancy is for a disabled person under Labour Law 4857, art. 30."),
        }
        widgets = {
            "closing_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "requirements": forms.Textarea(attrs={"rows": 5}),
            "skills": forms.Textarea(attrs={"rows": 3}),
            "work_type": forms.RadioSelect,
            "wage_min": forms.NumberInput(attrs={"min": 0, "step": 100}),
            "wage_max": forms.NumberInput(attrs={"min": 0, "step": 100}),
            "positions": forms.NumberInput(attrs={"min": 1}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        units = Occupation.objects.filter(level__gte=Occupation.Level.UNIT)
        if not units.exists():  # only the upper groups loaded: any of them
            units = Occupation.objects.all()
        self.fields["occupation"].queryset = units.order_by("code")
        self.fields["work_type"].choices = list(self.fields["work_type"].choices)[1:]  # radio buttons, no "-----"

    def clean_closing_date(self):
        closing = self.cleaned_data["closing_date"]
        if closing and closing < timezone.localdate():
            raise forms.ValidationError(_("The closing date cannot be in the past."))
        return closing

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("wage_min"), cleaned.get("wage_max")
        if low is not None and high is not None and low > high:
            self.add_error("wage_max", _("The highest wage cannot be lower than the lowest."))
        return cleaned


class AnswerForm(forms.Form):
    """The employer's answer for one referred candidate."""

    outcome = forms.ChoiceField(
        label=_("Where this candidate stands"),  # under the heading "Your answer": not the same words twice
        choices=[(value, label) for value, label in Referral.Outcome.choices if value],
        widget=forms.RadioSelect,
    )
    started_on = forms.DateField(
        label=_("Start date"),
        required=False,
        help_text=_("When hired: the day the person starts (or started) work."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    reason = forms.CharField(
        label=_("Reason or note"),
        required=False,
        max_length=300,
        help_text=_("When not hired: why (for example: experience not enough, position filled)."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        cleaned = super().clean()
        outcome = cleaned.get("outcome")
        if outcome == Referral.Outcome.HIRED and not cleaned.get("started_on"):
            self.add_error("started_on", _("Write the date the person starts (or started) work."))
        if outcome == Referral.Outcome.NOT_HIRED and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Write why the person was not hired."))
        return cleaned
