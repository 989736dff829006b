"""The dashboard's period: a year, or a first and a last day, with a Turkish word for every mistake."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

FIRST_YEAR = 2000


def last_year():
    return timezone.localdate().year + 1


class PeriodForm(forms.Form):
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        error_messages={"invalid": _("Write the year with four digits, e.g. 2020.")},
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    start = forms.DateField(
        label=_("First day"),
        required=False,
        error_messages={"invalid": _("Write the first day as a date, e.g. 01.03.2020.")},
        input_formats=["%Y-%m-%d", "%d.%m.%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    end = forms.DateField(
        label=_("Last day"),
        required=False,
        error_messages={"invalid": _("Write the last day as a date, e.g. 31.03.2020.")},
        input_formats=["%Y-%m-%d", "%d.%m.%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def _in_range(self, value, message):
        if value is None:
            return value
        year = value if isinstance(value, int) else value.year
        if not FIRST_YEAR <= year <= last_year():
            # Also keeps a day far in the past or future (year 1 or 9999) away from the date arithmetic.
            raise ValidationError(message % {"first": FIRST_YEAR, "last": last_year()})
        return value

    def clean_year(self):
        return self._in_range(self.cleaned_data.get("year"), _("Choose a year from %(first)s to %(last)s."))

    def clean_start(self):
        return self._in_range(
            self.cleaned_data.get("start"), _("The first day must fall in a year from %(first)s to %(last)s.")
        )

    def clean_end(self):
        return self._in_range(
            self.cleaned_data.get("end"), _("The last day must fall in a year from %(first)s to %(last)s.")
        )

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        start, end = data.get("start"), data.get("end")
        if start or end:
            if not (start and end):
                raise ValidationError(_("Give both the first and the last day, or only a year."))
            if start > end:
                raise ValidationError(_("The first day must come before the last."))
            data["year"] = None
            return data
        year = data.get("year") or timezone.localdate().year
        data["year"], data["start"], data["end"] = year, datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        return data
