from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.consent import record_signup_consents
from accounts.models import Gender, User
from places.models import Neighbourhood


class SignupForm(forms.Form):
    """The fields allauth's sign-up form adds for the portal: names and KVKK consent."""

    first_name = forms.CharField(
        label=_("First name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        label=_("Last name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )
    kvkk_consent = forms.BooleanField(
        label=_(
            "I have read the information notice and I consent to the processing of my personal data as described in the explicit consent text."
        ),
        error_messages={"required": _("You can only create an account if you give your consent.")},
    )

    field_order = ["first_name", "last_name", "email", "password1", "password2", "kvkk_consent"]

    def signup(self, request, user):
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.save(update_fields=["first_name", "last_name"])
        record_signup_consents(request, user)


class NeighbourhoodChoiceField(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        super().__init__(queryset=Neighbourhood.objects.in_turkish_order(), **kwargs)


class ProfileForm(forms.ModelForm):
    neighbourhood = NeighbourhoodChoiceField(
        label=_("Neighbourhood"), required=False, empty_label=_("Not in Ümraniye / not stated")
    )

    class Meta:
        model = User
        fields = ["first_name", "last_name", "phone", "birth_date", "gender", "neighbourhood"]
        labels = {
            "gender": _("Gender"),
            "first_name": _("First name"),
            "last_name": _("Last name"),
            "phone": _("Phone"),
            "birth_date": _("Birth date"),
        }
        help_texts = {
            "phone": _("For example 0532 123 45 67."),
            "birth_date": _("Some assemblies are for an age group (children, youth, seniors)."),
            "gender": _("Asked because the Women's Assembly is for women."),
        }
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "birth_date": forms.DateInput(attrs={"type": "date", "autocomplete": "bday"}, format="%Y-%m-%d"),
            "gender": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True
        self.fields["gender"].choices = Gender.choices  # radio buttons, without Django's "---------"

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        digits = "".join(ch for ch in phone if ch.isdigit())
        if phone and not 10 <= len(digits) <= 12:
            raise forms.ValidationError(_("Enter a phone number of 10 or 11 digits, for example 0532 123 45 67."))
        return phone

    def clean_birth_date(self):
        birth_date = self.cleaned_data["birth_date"]
        if birth_date and birth_date > timezone.localdate():
            raise forms.ValidationError(_("The birth date cannot be in the future."))
        if birth_date and birth_date.year < 1900:
            raise forms.ValidationError(_("Enter a birth date after 1900."))
        return birth_date


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(label=_("I understand that my account and my personal data will be erased for good."))

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not correct."))
        return password
