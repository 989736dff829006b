from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from distribution.models import Recipient, Stop


class _DistributionForm(WagtailAdminModelForm):
    kinds = forms.MultipleChoiceField(
        label=_("Recipient types"),
        choices=Recipient.Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every type."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, copies in (self.instance.quantities or {}).items():
            self.initial.setdefault(f"copies_{kind}", copies)

    def save(self, commit=True):
        self.instance.kinds = self.cleaned_data.get("kinds") or []
        self.instance.quantities = {
            kind: self.cleaned_data[f"copies_{kind}"]
            for kind, _label in Recipient.Kind.choices
            if self.cleaned_data.get(f"copies_{kind}") is not None
        }
        return super().save(commit)


# The distribution as coordinators plan it: recipient types as boxes, a number of copies for each type.
DistributionForm = type(
    "DistributionForm",
    (_DistributionForm,),
    {
        "__module__": __name__,
        **{
            f"copies_{kind}": forms.IntegerField(label=label, required=False, min_value=0, max_value=10000)
            for kind, label in Recipient.Kind.choices
        },
    },
)


class CourierForm(forms.Form):
    """Who walks each route: one choice per route."""

    def __init__(self, *args, routes, couriers, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("— nobody yet —"))] + [
            (str(user.pk), user.get_full_name() or user.email) for user in couriers
        ]
        self.routes = routes
        for route in routes:
            self.fields[f"route_{route.pk}"] = forms.ChoiceField(
                label=str(route), choices=choices, required=False, initial=str(route.courier_id or "")
            )

    def rows(self):
        """(route, its bound field) for the routes table: the template cannot build the field's name."""
        return [(route, self[f"route_{route.pk}"]) for route in self.routes]

    def assignments(self):
        """(route, courier id or None) for each route whose field came with the form.

        A route missing from the POST (built after the page was drawn, or left out
        by a partial form) keeps its courier instead of losing it.
        """
        return [
            (route, int(self.cleaned_data[name]) if self.cleaned_data[name] else None)
            for route in self.routes
            if (name := f"route_{route.pk}") in self.data
        ]


class OutcomeForm(forms.Form):
    """What happened at one stop, as the courier records it on the phone."""

    outcome = forms.ChoiceField(
        label=_("What happened?"),
        choices=[choice for choice in Stop.Outcome.choices if choice[0] != Stop.Outcome.PENDING],
        widget=forms.RadioSelect,
    )
    received_by = forms.CharField(label=_("Received by"), max_length=150, required=False)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
