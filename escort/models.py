"""Danışma ve Refakat: the service building's offices, the unit's roster of escorts per hour, and the bookings.

A booking holds a visitor's name, phone for the day and needs (health-related: special-category data under
KVKK art. 6), given with explicit consent whose wording is kept on the booking. `escort.retention` erases the
name, phone and free texts `RETENTION_ESCORT_BOOKING_DAYS` after the visit; the ticked needs stay as figures.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# Bookings are taken for these hours of a working day (the slot 9 is 09:00–10:00).
DEFAULT_HOURS = list(range(9, 17))
DEFAULT_ESCORTS = 2

# The needs a visitor can tick: (field, label, icon shown beside the words on the escort's phone; symbols every
# phone's fonts have, not emoji).
NEEDS = [
    ("need_wheelchair", _("Wheelchair"), "♿"),
    ("need_sign_language", _("Sign language"), "✌"),
    ("need_low_vision", _("Low vision"), "◐"),
    ("need_reading_writing", _("Reading and writing"), "✍"),
    ("need_elderly", _("Elderly visitor"), "☺"),
]

# Letters that cannot be mistaken for one another when read out on the phone (no 0/O, 1/I/L).
CODE_ALPHABET = "23456789ABCDEFGHJKMNPRSTUVYZ"


def hours():
    return list(getattr(settings, "ESCORT_HOURS", DEFAULT_HOURS))


def default_escorts():
    return int(getattr(settings, "ESCORT_DEFAULT_ESCORTS", DEFAULT_ESCORTS))


class Office(models.Model):
    """An office or service of the service building that visitors ask to be taken to."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    floor = models.CharField(_("floor"), max_length=60, blank=True, help_text=_("E.g. “Ground floor” or “2nd floor”."))
    active = models.BooleanField(_("offered to visitors"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("office")
        verbose_name_plural = _("offices")

    def __str__(self):
        return f"{self.name} ({self.floor})" if self.floor else self.name


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class SlotCapacity(models.Model):
    """The unit's roster: how many escorts are on duty in one hour of a weekday (without a row: the default)."""

    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    hour = models.PositiveSmallIntegerField(_("hour"), help_text=_("The hour the slot starts, e.g. 9 for 09:00–10:00."))
    escorts = models.PositiveSmallIntegerField(_("escorts on duty"))

    class Meta:
        ordering = ["weekday", "hour"]
        constraints = [models.UniqueConstraint(fields=["weekday", "hour"], name="escort_slot_unique")]
        verbose_name = _("roster hour")
        verbose_name_plural = _("roster")

    def __str__(self):
        return f"{self.get_weekday_display()} {self.hour:02d}:00"


class RosterException(models.Model):
    """A day (or one hour of it) that differs from the roster: closed, or fewer or more escorts."""

    date = models.DateField(_("date"))
    hour = models.PositiveSmallIntegerField(_("hour"), null=True, blank=True, help_text=_("Empty: the whole day."))
    escorts = models.PositiveSmallIntegerField(_("escorts on duty"), default=0, help_text=_("0: closed."))
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        ordering = ["-date", "hour"]
        verbose_name = _("roster exception")
        verbose_name_plural = _("roster exceptions")

    def __str__(self):
        return f"{self.date:%d.%m.%Y}" + (f" {self.hour:02d}:00" if self.hour is not None else "")


class BookingQuerySet(models.QuerySet):
    def active(self):
        """Bookings that hold an escort: not cancelled."""
        return self.exclude(status=Booking.Status.CANCELLED)

    def on(self, day):
        return self.filter(date=day)


def new_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))


class Booking(models.Model):
    class Status(models.TextChoices):
        BOOKED = "booked", _("Booked")
        MET = "met", _("Met")
        NO_SHOW = "no_show", _("Did not come")
        CANCELLED = "cancelled", _("Cancelled")

    class BookedBy(models.TextChoices):
        SELF = "self", _("The visitor")
        PROXY = "proxy", _("Someone on their behalf")
        CALL_CENTRE = "call_centre", _("The call centre")

    code = models.CharField(_("booking code"), max_length=12, unique=True, default=new_code, editable=False)
    date = models.DateField(_("date"))
    hour = models.PositiveSmallIntegerField(_("hour"))
    office = models.ForeignKey(
        Office, verbose_name=_("office or service"), on_delete=models.PROTECT, related_name="bookings"
    )
    need_wheelchair = models.BooleanField(_("wheelchair"), default=False)
    need_sign_language = models.BooleanField(_("sign language"), default=False)
    need_low_vision = models.BooleanField(_("low vision"), default=False)
    need_reading_writing = models.BooleanField(_("reading and writing"), default=False)
    need_elderly = models.BooleanField(_("elderly visitor"), default=False)
    other_need = models.CharField(_("other need"), max_length=300, blank=True)
    visitor_name = models.CharField(_("visitor's name"), max_length=150, blank=True)
    phone = models.CharField(_("phone for the day"), max_length=20, blank=True)
    booked_by = models.CharField(_("booked by"), max_length=20, choices=BookedBy.choices, default=BookedBy.SELF)
    proxy_name = models.CharField(_("name of the person booking"), max_length=150, blank=True)
    proxy_relation = models.CharField(_("relation to the visitor"), max_length=100, blank=True)
    staff_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("call-centre staff"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    consent_text = models.TextField(_("consent wording"), blank=True)
    consent_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=8, default="tr")
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.BOOKED)
    met_at = models.DateTimeField(_("met at"), null=True, blank=True)
    helped_offices = models.ManyToManyField(
        Office, verbose_name=_("helped to"), blank=True, related_name="helped_bookings"
    )
    outcome = models.TextField(_("outcome"), blank=True)
    escort = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("escort"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reminder_sent_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True, editable=False)
    erased_at = models.DateTimeField(_("personal data erased at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("booked at"), auto_now_add=True)

    objects = BookingQuerySet.as_manager()

    class Meta:
        ordering = ["date", "hour", "pk"]
        indexes = [models.Index(fields=["date", "hour"], name="escort_booking_slot")]
        verbose_name = _("escort booking")
        verbose_name_plural = _("escort bookings")

    def __str__(self):
        return f"{self.code} · {self.date:%d.%m.%Y} {self.slot_label}"

    @property
    def slot_label(self):
        return f"{self.hour:02d}:00–{self.hour + 1:02d}:00"

    @property
    def phone_display(self):
        """The phone as people read it out: 0532 123 45 67."""
        import phonenumbers

        try:
            number = phonenumbers.parse(self.phone, "TR")
        except phonenumbers.NumberParseException:
            return self.phone
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)

    @property
    def needs(self):
        """The ticked needs as (label, icon), then the other need in words."""
        found = [(label, icon) for field, label, icon in NEEDS if getattr(self, field)]
        if self.other_need:
            found.append((self.other_need, "•"))
        return found
