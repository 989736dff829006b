"""The booking form, the same for a visitor on the public site and for the call centre in the admin, and the
escort's form for one visit."""

import uuid

import phonenumbers
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from escort import slots
from escort.models import NEEDS, Booking, Office

# Kept on every booking as given: the wording the visitor (or the caller, read out by the call centre) agreed to.
CONSENT_TEXT = _(
    "I agree that the municipality processes my name, my phone number and the needs I ticked (health data) to "
    "arrange my escort at the service building, and sends me an SMS reminder. They are erased %(days)d days after "
    "the visit; only counts without names are kept."
)
CALL_CENTRE_CONSENT_TEXT = _(
    "The caller was read the information notice and agreed that the visitor's name, phone number and needs "
    "(health data) are processed to arrange the escort and send an SMS reminder; they are erased %(days)d days "
    "after the visit."
)


def normalise_phone(raw):
    """A Turkish phone number written any way, as E.164; ValidationError in words when it is none."""
    try:
        number = phonenumbers.parse(raw, "TR")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _("“%(value)s” is not a phone number we can call. Write it like 0532 123 45 67."), params={"value": raw}
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def is_mobile(e164):
    try:
        number = phonenumbers.parse(e164)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.number_type(number) in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    )


class OfficeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


class BookingForm(forms.Form):
    """Day and hour, office, needs, the visitor, who books, and consent."""

    submission = forms.CharField(required=False, widget=forms.HiddenInput, initial=uuid.uuid4)
    slot = forms.ChoiceField(label=_("Time"), widget=forms.RadioSelect)
    office = OfficeChoiceField(
        label=_("Where do you need to go?"), queryset=Office.objects.none(), widget=forms.RadioSelect, empty_label=None
    )
    needs = forms.MultipleChoiceField(
        label=_("What help do you need?"),
        choices=[(field, label) for field, label, _icon in NEEDS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Tick all that apply. The escort comes prepared for them."),
    )
    other_need = forms.CharField(label=_("Other help"), max_length=300, required=False)
    visitor_name = forms.CharField(
        label=_("Visitor's name and surname"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    phone = forms.CharField(
        label=_("Phone number on the day"),
        max_length=30,
        help_text=_("The escort calls this number if needed; a mobile gets an SMS reminder the day before."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    booked_by = forms.ChoiceField(
        label=_("Who is booking?"),
        choices=[
            (Booking.BookedBy.SELF, _("I am the visitor")),
            (Booking.BookedBy.PROXY, _("I am booking for someone else")),
        ],
        widget=forms.RadioSelect,
        initial=Booking.BookedBy.SELF,
    )
    proxy_name = forms.CharField(label=_("Your name and surname"), max_length=150, required=False)
    proxy_relation = forms.CharField(
        label=_("Your relation to the visitor"),
        max_length=100,
        required=False,
        help_text=_("E.g. son, daughter, neighbour, carer."),
    )
    consent = forms.BooleanField(label=CONSENT_TEXT)
    # A field people never see or fill: automated senders do.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, day_slots=(), call_centre=False, privacy_notice_url="", **kwargs):
        super().__init__(*args, **kwargs)
        self.call_centre = call_centre
        self.fields["slot"].choices = [(found.value, self.slot_label(found)) for found in day_slots]
        self.fields["office"].queryset = Office.objects.filter(active=True)
        days = retention_days()
        text = CALL_CENTRE_CONSENT_TEXT if call_centre else CONSENT_TEXT
        self.consent_text = gettext(text) % {"days": days}
        self.fields["consent"].label = self.consent_text
        for name in ("proxy_name", "proxy_relation"):
            self.fields[name].requirement = _("required when booking for someone else")
        if call_centre:
            self.fields["booked_by"].label = _("Who is calling?")
            self.fields["booked_by"].choices = [
                (Booking.BookedBy.SELF, _("The visitor")),
                (Booking.BookedBy.PROXY, _("Someone on their behalf")),
            ]
            self.fields["proxy_name"].label = _("Caller's name and surname")
            self.fields["proxy_relation"].label = _("Caller's relation to the visitor")
            del self.fields["website"]
        elif privacy_notice_url:
            self.fields["consent"].help_text = format_html(
                '<a href="{}">{}</a>', privacy_notice_url, _("Read the privacy notice (KVKK).")
            )

    @staticmethod
    def slot_label(found):
        if found.is_full:
            return gettext("%(time)s (full)") % {"time": found.label}
        return found.label

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise ValidationError(_("Please leave the last field empty and send the form again, or call 444 9 822."))
        return ""

    def clean_phone(self):
        return normalise_phone(self.cleaned_data["phone"].strip())

    def clean_slot(self):
        parsed = slots.parse(self.cleaned_data["slot"])
        if parsed is None:
            raise ValidationError(_("Choose a time."))
        return parsed

    def clean_submission(self):
        try:
            return uuid.UUID(self.cleaned_data["submission"][:64])
        except ValueError:
            return None

    def clean(self):
        data = super().clean()
        if data.get("booked_by") == Booking.BookedBy.PROXY:
            if not (data.get("proxy_name") or "").strip():
                self.add_error("proxy_name", _("Write your name: the escort may need to reach you."))
            if not (data.get("proxy_relation") or "").strip():
                self.add_error("proxy_relation", _("Write how you are related to the visitor."))
        return data

    def booking_fields(self):
        """The booking's fields from the cleaned form (besides date and hour)."""
        data = self.cleaned_data
        proxy = data["booked_by"] == Booking.BookedBy.PROXY
        fields = {
            "office": data["office"],
            "other_need": data["other_need"].strip(),
            "visitor_name": data["visitor_name"].strip(),
            "phone": data["phone"],
            "booked_by": Booking.BookedBy.CALL_CENTRE if self.call_centre else data["booked_by"],
            "proxy_name": data["proxy_name"].strip() if proxy else "",
            "proxy_relation": data["proxy_relation"].strip() if proxy else "",
            "consent_text": self.consent_text,
            "submission_key": data["submission"],
        }
        fields.update({field: field in data["needs"] for field, _label, _icon in NEEDS})
        return fields


def retention_days():
    from escort.retention import DEFAULT_BOOKING_DAYS

    return int(getattr(settings, "RETENTION_ESCORT_BOOKING_DAYS", DEFAULT_BOOKING_DAYS))


class DayForm(forms.Form):
    """Step one: the day."""

    day = forms.ChoiceField(label=_("Which day will you come?"), widget=forms.RadioSelect)

    def __init__(self, *args, days=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["day"].choices = days


class VisitForm(forms.Form):
    """The escort's record of one booking: met or not, where they were helped to, and how it went."""

    status = forms.ChoiceField(
        label=_("Visit"),
        choices=[(Booking.Status.MET, _("Met")), (Booking.Status.NO_SHOW, _("Did not come"))],
        widget=forms.RadioSelect,
    )
    helped_offices = forms.ModelMultipleChoiceField(
        label=_("Helped to"), queryset=Office.objects.none(), widget=forms.CheckboxSelectMultiple, required=False
    )
    outcome = forms.CharField(
        label=_("Outcome"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, offices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["helped_offices"].queryset = Office.objects.all()
        # The day's page shows this form once per booking: the checkboxes come from one list, not a query each.
        self.fields["helped_offices"].choices = [(office.pk, str(office)) for office in offices]
