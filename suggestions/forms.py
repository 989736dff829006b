import copy
import uuid
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinLengthValidator
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from complaints import phones, photos, tracking
from complaints.models import Case, Topic
from places.models import Neighbourhood
from theme import chrome

MAX_PHOTOS = 3
# A generous box around Ümraniye (south-west and north-east corners) for shared locations.
AREA = ((Decimal("40.95"), Decimal("28.95")), (Decimal("41.10"), Decimal("29.25")))
MAX_DESCRIPTION = 2000
KINDS = [choice for choice in Case.Kind.choices if choice[0] != Case.Kind.INFORMATION]
ACCEPTED_TYPES = "image/jpeg,image/png,image/webp,image/heic,image/heif,.heic,.heif"


class MultiplePhotoInput(forms.FileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Up to three photos, each checked by its content and re-encoded without metadata."""

    widget = MultiplePhotoInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs.update({"multiple": True, "accept": ACCEPTED_TYPES})

    def clean(self, data, initial=None):
        uploads = [upload for upload in (data or []) if upload]
        if len(uploads) > MAX_PHOTOS:
            raise ValidationError(
                _("You can send at most %(count)d photos; you chose %(chosen)d.")
                % {"count": MAX_PHOTOS, "chosen": len(uploads)}
            )
        cleaned, errors = [], []
        for number, upload in enumerate(uploads, start=1):
            try:
                cleaned.append(photos.clean_photo(upload))
            except photos.PhotoRefused as refusal:
                errors.append(
                    ValidationError(
                        _("Photo %(number)d (%(name)s): %(reason)s")
                        % {"number": number, "name": upload.name or "?", "reason": refusal.message}
                    )
                )
        if errors:
            raise ValidationError(errors)
        return cleaned


class HiddenCoordinateField(forms.DecimalField):
    """A coordinate the page's script fills in from the phone's location. Nobody can correct a hidden field,
    so a value that is no coordinate is dropped (None) instead of raising an error that names it."""

    widget = forms.HiddenInput

    def clean(self, value):
        try:
            value = super().clean(value)
        except ValidationError:
            return None
        # A phone gives fifteen decimals; six (about 10 cm) are kept, as the case stores them.
        return None if value is None else value.quantize(Decimal("0.000001"))


# The records version of the box's topics, their directorates and the neighbourhoods (suggestions/apps.py).
CHOICES = "suggestion-choices"
# The rows of each kept choice this process has read, with the records version it read them at:
# {field label: (version, {pk: row})}.
_kept_rows = {}


class KeptModelChoiceField(forms.ModelChoiceField):
    """A choice among a few rows that seldom change (the topics, the neighbourhoods): a sent value is checked
    against this process's copy of them, read again when their records version moves, instead of a query on every
    sending. The field shows its choices from the queryset, as any ModelChoiceField."""

    def __init__(self, *args, kept_as, **kwargs):
        super().__init__(*args, **kwargs)
        self.kept_as = kept_as

    def to_python(self, value):
        if value in self.empty_values:
            return None
        version = chrome.records_version(CHOICES)
        known = _kept_rows.get(self.kept_as)
        if known is None or known[0] != version:
            known = _kept_rows[self.kept_as] = (version, {str(row.pk): row for row in self.queryset})
        row = known[1].get(str(value).strip())
        if row is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value})
        return copy.copy(row)  # the request's own: a case assigned to it caches itself on nothing shared


class SuggestionForm(forms.Form):
    # A new key for every page served; sent back with the form, it makes sending it again harmless.
    # No length or other check that could fail: a mangled key is simply no key (see clean_submission).
    submission = forms.CharField(required=False, widget=forms.HiddenInput, initial=uuid.uuid4)
    kind = forms.ChoiceField(label=_("What would you like to send?"), choices=KINDS, widget=forms.RadioSelect)
    topic = KeptModelChoiceField(
        kept_as="topic",
        label=_("Topic"),
        queryset=Topic.objects.none(),
        required=False,
        empty_label=_("I don't know / other"),
    )
    neighbourhood = KeptModelChoiceField(
        kept_as="neighbourhood",
        label=_("Neighbourhood (mahalle)"),
        queryset=Neighbourhood.objects.in_turkish_order(),
        required=False,
        empty_label=_("Choose your neighbourhood"),
    )
    address = forms.CharField(
        label=_("Address or place"),
        max_length=300,
        required=False,
        help_text=_("A street, building or landmark, so the team can find the spot."),
    )
    latitude = HiddenCoordinateField(label=_("Latitude"), required=False, min_value=-90, max_value=90)
    longitude = HiddenCoordinateField(label=_("Longitude"), required=False, min_value=-180, max_value=180)
    description = forms.CharField(
        label=_("Your message"),
        min_length=10,
        max_length=MAX_DESCRIPTION,
        widget=forms.Textarea(attrs={"rows": 7}),
        # Filled in when shown, in the visitor's language (a lazy string % values is translated at import).
        help_text=lazy(lambda: gettext("At most %(count)d characters.") % {"count": MAX_DESCRIPTION}, str)(),
    )
    photos = PhotosField(
        label=_("Photos"),
        help_text=_(
            "Up to three photos (JPEG, PNG, WebP or HEIC, at most 15 MB each). Location and camera details are removed."
        ),
    )
    anonymous = forms.BooleanField(
        label=_("Send without my name and contact details"),
        required=False,
        help_text=_("Anonymous messages are registered and handled, but we cannot answer them or let you follow them."),
    )
    name = forms.CharField(
        label=_("Name and surname"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=30,
        required=False,
        help_text=_("A mobile number gets the tracking number by SMS."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    email = forms.EmailField(
        label=_("E-mail address"), required=False, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    reply_by = forms.ChoiceField(
        label=_("How should we answer?"), choices=Case.ReplyBy.choices, required=False, widget=forms.RadioSelect
    )
    consent = forms.BooleanField(label=_("I have read the privacy notice and agree that my application is processed."))
    public_consent = forms.BooleanField(
        label=_("My report may be shown publicly (my name and contact details are never shown)"),
        required=False,
        help_text=_(
            "Its topic, mahalle, a place rounded to about 100 m, the status and the answer; the text and photos "
            "only after staff have checked them."
        ),
    )
    # Before sending, the box shows the open reports of the same topic nearby (suggestions/nearby.py):
    # "new" once the resident has seen them and still sends their own; `support` names the one they join.
    decision = forms.ChoiceField(
        choices=[("", ""), ("new", "new")], required=False, widget=forms.HiddenInput(attrs={"id": "id_decision"})
    )
    support = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    # A field people never see or fill: automated senders do.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    location_dropped = False

    def __init__(self, *args, user=None, privacy_notice_url="", **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound and self.data.get(self.add_prefix("support")):
            # Adding one's voice to a report needs no description of one's own: a note is welcome.
            self.fields["description"].required = False
            self.fields["description"].min_length = None
            self.fields["description"].validators = [
                check for check in self.fields["description"].validators if not isinstance(check, MinLengthValidator)
            ]
        # Not required of everyone, yet not optional either: the label says when they are needed (see clean()).
        self.fields["name"].requirement = _("required unless you send anonymously")
        for contact in ("phone", "email"):
            self.fields[contact].requirement = _("phone or e-mail: one is required unless you send anonymously")
        # The topic's directorate comes with it: the case is routed to it.
        topics = Topic.objects.filter(active=True, public=True).select_related("default_directorate")
        if get_language() == "en":
            topics = topics.order_by("name_en", "sort_key")  # alphabetical for the names the visitor reads
        self.fields["topic"].queryset = topics
        if privacy_notice_url:
            self.fields["consent"].help_text = format_html(
                '<a href="{}">{}</a>', privacy_notice_url, _("Read the privacy notice (KVKK).")
            )
        if user is not None and user.is_authenticated:
            self.fields["name"].initial = user.get_full_name()
            self.fields["email"].initial = user.email
            self.fields["phone"].initial = user.phone
            self.fields["neighbourhood"].initial = user.neighbourhood_id

    @property
    def is_spam(self):
        return bool(self.cleaned_data.get("website")) if hasattr(self, "cleaned_data") else False

    def ask_for_photos_again(self):
        """Uploads are not kept when the form comes back: say so at the photo field, where they were chosen."""
        self.add_error(
            "photos", _("Your photos were not kept because the form has to be corrected: please choose them again.")
        )

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise ValidationError(
                _(
                    "Your message looked like an automated one. Please leave the last field empty and send it again, "
                    "or call 444 9 822."
                )
            )
        return ""

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        return phones.normalise(phone) if phone else ""

    def clean_submission(self):
        """The one-time key, or None when it is missing or mangled (the form is then simply filed)."""
        try:
            return uuid.UUID(self.cleaned_data["submission"][:64])
        except ValueError:
            return None

    def clean(self):
        data = super().clean()
        latitude, longitude = data.get("latitude"), data.get("longitude")
        sent = any(self.data.get(self.add_prefix(name), "").strip() for name in ("latitude", "longitude"))
        if (
            (sent and latitude is None and longitude is None)
            or (latitude is None) != (longitude is None)
            or (
                latitude is not None
                and not (AREA[0][0] <= latitude <= AREA[1][0] and AREA[0][1] <= longitude <= AREA[1][1])
            )
        ):
            # Not an error to correct (the hidden fields would send it again): the case goes without it.
            data["latitude"] = data["longitude"] = None
            self.location_dropped = True
        if data.get("anonymous"):
            for personal in ("name", "phone", "email", "reply_by"):
                data[personal] = ""
            return data
        if not data.get("name", "").strip():
            self.add_error("name", _("Please write your name, or choose to send anonymously."))
        phone, email = data.get("phone"), data.get("email")
        if "phone" in self.errors or "email" in self.errors:
            return data
        if not phone and not email:
            self.add_error("phone", _("Please give a phone number or an e-mail address so we can answer you."))
            return data
        reply_by = data.get("reply_by") or (Case.ReplyBy.EMAIL if email else Case.ReplyBy.SMS)
        if reply_by == Case.ReplyBy.EMAIL and not email:
            self.add_error("email", _("To be answered by e-mail, please give your e-mail address."))
        elif reply_by in (Case.ReplyBy.SMS, Case.ReplyBy.PHONE) and not phone:
            self.add_error("phone", _("To be answered by phone or SMS, please give your phone number."))
        elif reply_by == Case.ReplyBy.SMS and not phones.is_mobile(phone):
            self.add_error("phone", _("SMS can only go to a mobile number; give one, or choose another way to answer."))
        data["reply_by"] = reply_by
        return data


class LookupForm(forms.Form):
    number = forms.CharField(
        label=_("Tracking number"),
        max_length=20,
        help_text=_("Nine digits, as in the SMS or e-mail we sent you, e.g. 482 193 657."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    code = forms.CharField(
        label=_("Security code"),
        max_length=40,
        help_text=_(
            "Twelve letters and digits, on the confirmation page and in the SMS or e-mail we sent you, "
            "e.g. 7K2M-9QXR-4TBA."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )

    def clean_number(self):
        number = tracking.parse(self.cleaned_data["number"])
        if number is None:
            raise ValidationError(_("This is not a valid tracking number: please check the nine digits."))
        return number

    def clean_code(self):
        # A code that cannot be one is checked like a wrong one, so both get the same answer.
        return tracking.normalise_code(self.cleaned_data["code"]) or "-"
