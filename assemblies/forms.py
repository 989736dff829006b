from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.forms import NeighbourhoodChoiceField
from accounts.models import Gender, User
from assemblies.models import Membership


class AboutYouForm(forms.ModelForm):
    """The profile facts an assembly's rules depend on, asked once and kept in the profile."""

    class Meta:
        model = User
        fields = ["birth_date", "gender"]
        labels = {"birth_date": _("Birth date"), "gender": _("Gender")}
        widgets = {
            "birth_date": forms.DateInput(attrs={"type": "date", "autocomplete": "bday"}, format="%Y-%m-%d"),
            "gender": forms.RadioSelect,
        }

    def __init__(self, *args, needed=(), **kwargs):
        super().__init__(*args, **kwargs)
        for name in list(self.fields):
            if name not in needed:
                del self.fields[name]
            else:
                self.fields[name].required = True
        if "gender" in self.fields:
            self.fields["gender"].choices = Gender.choices

    def clean_birth_date(self):
        birth_date = self.cleaned_data["birth_date"]
        if birth_date > timezone.localdate():
            raise forms.ValidationError(_("The birth date cannot be in the future."))
        if birth_date.year < 1900:
            raise forms.ValidationError(_("Enter a birth date after 1900."))
        return birth_date


GUARDIAN_FIELDS = ["guardian_name", "guardian_relationship", "guardian_phone", "guardian_email"]


class ApplicationForm(forms.Form):
    """The application itself; which questions appear depends on the assembly and the applicant's age."""

    connection = forms.ChoiceField(
        label=_("Your connection to Ümraniye"), choices=Membership.Connection.choices, widget=forms.RadioSelect
    )
    neighbourhood = NeighbourhoodChoiceField(
        label=_("Neighbourhood you live in"), required=False, empty_label=_("Choose your neighbourhood")
    )
    workplace_or_school = forms.CharField(label=_("Workplace or school in Ümraniye"), required=False, max_length=200)
    phone = forms.CharField(
        label=_("Phone"),
        required=False,
        max_length=30,
        help_text=_("So that the coordinators can reach you about meetings."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    guardian_name = forms.CharField(label=_("Parent or guardian's name"), max_length=200, required=False)
    guardian_relationship = forms.CharField(
        label=_("Relationship to you"),
        max_length=100,
        required=False,
        help_text=_("For example: mother, father, grandmother."),
    )
    guardian_phone = forms.CharField(
        label=_("Parent or guardian's phone"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    guardian_email = forms.EmailField(
        label=_("Parent or guardian's e-mail"),
        required=False,
        help_text=_("We e-mail them a link to confirm your application; it waits until they do."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    disability_declared = forms.BooleanField(label=_("I have a disability"), required=False)
    disability_note = forms.CharField(
        label=_("About your disability"),
        required=False,
        max_length=300,
        help_text=_("Only if you want to tell us; only the coordinators see it."),
    )
    accessibility_needs = forms.MultipleChoiceField(
        label=_("What do you need to take part?"),
        choices=Membership.Need.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The coordinators plan meetings around these needs."),
    )
    accessibility_other = forms.CharField(label=_("Other needs"), required=False, max_length=300)
    note = forms.CharField(
        label=_("Why would you like to join?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, assembly, verdict, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.assembly = assembly
        self.needs_guardian = verdict.needs_guardian
        self.user_email = user.email
        # Needed for some answers only (see clean()): the label says when, rather than "optional".
        self.fields["neighbourhood"].requirement = _("required if you live in Ümraniye")
        self.fields["workplace_or_school"].requirement = _("required if you work or study in Ümraniye")
        if not self.is_bound:
            self.initial.setdefault("phone", user.phone)
            self.initial.setdefault("neighbourhood", user.neighbourhood_id)
        if not assembly.requires_district_connection:
            self.fields["connection"].required = False
        if not verdict.needs_guardian:
            for name in GUARDIAN_FIELDS:
                del self.fields[name]
        else:
            for name in GUARDIAN_FIELDS:
                self.fields[name].required = True
        if not assembly.asks_disability:
            del self.fields["disability_declared"]
            del self.fields["disability_note"]

    def clean(self):
        data = super().clean()
        connection = data.get("connection")
        if self.assembly.requires_district_connection and connection == Membership.Connection.NONE:
            self.add_error("connection", _("This assembly is for people who live, work or study in Ümraniye."))
        if connection == Membership.Connection.LIVES and not data.get("neighbourhood"):
            self.add_error("neighbourhood", _("Choose the neighbourhood you live in."))
        if connection in {Membership.Connection.WORKS, Membership.Connection.STUDIES} and not data.get(
            "workplace_or_school"
        ):
            self.add_error("workplace_or_school", _("Write where you work or study."))
        guardian_email = (data.get("guardian_email") or "").strip().lower()
        if self.needs_guardian and guardian_email and guardian_email == (self.user_email or "").lower():
            self.add_error("guardian_email", _("Write your parent or guardian's own e-mail address, not yours."))
        if Membership.Need.OTHER in data.get("accessibility_needs", []) and not data.get("accessibility_other"):
            self.add_error("accessibility_other", _("Tell us what else you need."))
        return data

    def details(self):
        """The cleaned answers as Membership fields."""
        data = dict(self.cleaned_data)
        if data.get("connection") != Membership.Connection.LIVES:
            data.pop("neighbourhood", None)
        return {key: value for key, value in data.items() if value not in (None, "")}


class MemberDataRequestForm(forms.Form):
    """A member without an account asks for the link to their data, at the address on their record."""

    email = forms.EmailField(
        label=_("The e-mail address on your membership record"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class EraseConfirmForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that my membership records will be erased for good and I will no longer be a member."),
        error_messages={"required": _("Tick the box to erase your records.")},
    )
