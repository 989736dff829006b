from django import forms
from django.utils.translation import gettext_lazy as _

from complaints import phones
from complaints.models import Topic
from employment.models import Firm
from fieldwork.models import Satisfaction, Visit, VisitKind
from places.models import Neighbourhood

# 1 to 5 first, as the officer reads the scale out; "did not want to answer" last.
SATISFACTION_CHOICES = [(str(value), label) for value, label in Satisfaction.choices if value] + [
    (str(Satisfaction.DECLINED.value), Satisfaction.DECLINED.label)
]


def _phone(value):
    value = (value or "").strip()
    return phones.normalise(value) if value else ""


class VisitForm(forms.ModelForm):
    """A visit as the officer records it on the phone, with the first request the person raised."""

    kind = forms.ChoiceField(label=_("Who was visited?"), choices=VisitKind.choices, widget=forms.RadioSelect)
    satisfaction = forms.TypedChoiceField(
        label=_("Satisfaction with municipal services"),
        choices=SATISFACTION_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("1: very dissatisfied, 5: very satisfied. Leave empty if not asked."),
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics raised"),
        queryset=Topic.objects.filter(active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    request_text = forms.CharField(
        label=_("A request to pass on to the municipality"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("It can become a case in the register on the next page."),
    )
    request_topic = forms.ModelChoiceField(
        label=_("Topic of the request"), queryset=Topic.objects.filter(active=True), required=False
    )

    class Meta:
        model = Visit
        fields = [
            "kind",
            "firm",
            "business_name",
            "neighbourhood",
            "street",
            "person_name",
            "person_role",
            "topics",
            "satisfaction",
            "contact_consent",
            "contact_phone",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"contact_phone": _("Only with their agreement: for the answer to their request.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["neighbourhood"].queryset = Neighbourhood.objects.in_turkish_order()
        self.fields["firm"].queryset = Firm.objects.registered()
        self.fields["firm"].label = _("Firm registered with the employment centre")
        self.fields["firm"].help_text = _("Employers only. Not registered yet: write its name below.")
        self.fields["contact_phone"].widget.attrs.update(type="tel", autocomplete="off", inputmode="tel")
        if self.instance.pk:
            del self.fields["request_text"], self.fields["request_topic"]
            if self.instance.satisfaction is not None:
                self.initial["satisfaction"] = str(self.instance.satisfaction)

    def clean_contact_phone(self):
        return _phone(self.cleaned_data.get("contact_phone"))

    def clean(self):
        data = super().clean()
        if data.get("kind") == VisitKind.EMPLOYER and not (data.get("firm") or data.get("business_name")):
            self.add_error("business_name", _("Choose the firm or write the employer's name."))
        if data.get("kind") != VisitKind.EMPLOYER:
            data["firm"] = None
        if data.get("firm") and not data.get("business_name"):
            data["business_name"] = data["firm"].name
        if data.get("contact_consent") and not data.get("contact_phone") and "contact_phone" not in self.errors:
            self.add_error("contact_phone", _("Write the phone number they agreed to be called on."))
        if not data.get("contact_consent"):
            data["contact_phone"] = ""
        if data.get("request_topic") and not (data.get("request_text") or "").strip():
            self.add_error("request_text", _("Write what the person asked for."))
        return data


class RequestForm(forms.Form):
    """Another request, on a visit (its contact is the person met) or at an event (its own contact)."""

    text = forms.CharField(label=_("Request"), widget=forms.Textarea(attrs={"rows": 3}))
    topic = forms.ModelChoiceField(label=_("Topic"), queryset=Topic.objects.filter(active=True), required=False)

    def __init__(self, *args, with_contact=False, **kwargs):
        super().__init__(*args, **kwargs)
        if with_contact:
            self.fields["name"] = forms.CharField(label=_("Name"), max_length=150, required=False)
            self.fields["contact_consent"] = forms.BooleanField(label=_("Agrees to be contacted"), required=False)
            self.fields["phone"] = forms.CharField(
                label=_("Phone"),
                max_length=20,
                required=False,
                widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel"}),
            )

    def clean_phone(self):
        return _phone(self.cleaned_data.get("phone"))

    def clean(self):
        data = super().clean()
        if data.get("contact_consent") and not data.get("phone") and "phone" not in self.errors:
            self.add_error("phone", _("Write the phone number they agreed to be called on."))
        return data
