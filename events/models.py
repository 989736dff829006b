import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, PageManager
from wagtail.search import index

from events import recurrence
from events.forms import EventPageForm
from theme import chrome
from theme.blocks import ContentStreamBlock
from theme.models import BasePage, PortalPageQuerySet
from theme.panels import MapPickPanel

# How many coming dates of a series a person may choose from when registering.
BOOKABLE_DATES = 8


class Category(models.TextChoices):
    INFORMATION_MEETING = "information_meeting", _("Information meeting")
    ASSEMBLY_MEETING = "assembly_meeting", _("Assembly meeting")
    WORKSHOP = "workshop", _("Workshop")
    COURSE = "course", _("Course")
    TRIP = "trip", _("Trip")
    CEREMONY = "ceremony", _("Ceremony")
    CULTURE = "culture", _("Culture and arts")
    SPORT = "sport", _("Sport")
    OTHER = "other", _("Other")


class CalendarPage(BasePage):
    """Etkinlikler: the council's calendar of every event, with its feeds and council-wide events below it."""

    intro = models.TextField(_("introduction"), blank=True)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("calendar")

    def get_context(self, request, *args, **kwargs):
        from events import calendar

        context = super().get_context(request, *args, **kwargs)
        context["cal_head"] = calendar.calendar_head(request, self)
        # The grid and the lists are the same for every visitor: worked out only when their cached HTML is missing.
        context["cal"] = SimpleLazyObject(lambda: calendar.calendar_context(request, self))
        context["calendar_cache"] = (
            *chrome.listings_key(request, period=chrome.UPCOMING_PERIOD),
            request.GET.urlencode(),
        )
        context["calendar_ttl"] = settings.PAGE_CACHE["ttl"]
        return context


class EventQuerySet(PortalPageQuerySet):
    def listed(self, locale_id):
        """Live, public events of one language, with what listings show."""
        return (
            self.live()
            .public()
            .filter(locale_id=locale_id)
            .select_related("neighbourhood", "image")
            .prefetch_related("exceptions")
        )

    def overlapping(self, window_start, window_end):
        """Events that may have an occurrence in the window: single events overlapping it, and every series
        that has begun by its end and has not finished before its start."""
        return self.filter(self.overlapping_q(window_start, window_end)).distinct()

    @staticmethod
    def overlapping_q(window_start, window_end):
        """The condition of `overlapping`, to combine several windows in one query."""
        single = Q(repeat="none", starts_at__lt=window_end, ends_at__gt=window_start)
        series = (
            ~Q(repeat="none")
            & Q(starts_at__lt=window_end)
            & (Q(series_ends_at__isnull=True) | Q(series_ends_at__gte=window_start - datetime.timedelta(days=2)))
        )
        moved_in = Q(
            exceptions__action="moved",
            exceptions__new_starts_at__lt=window_end,
            exceptions__new_ends_at__gt=window_start,
        )
        return single | series | moved_in


class EventPage(RoutablePageMixin, BasePage):
    """An event of an assembly (under its page) or of the council (under the calendar)."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        POSTPONED = "postponed", _("Postponed")
        CANCELLED = "cancelled", _("Cancelled")

    class Repeat(models.TextChoices):
        NONE = "none", _("Does not repeat")
        DAILY = "daily", _("Daily")
        WEEKLY = "weekly", _("Weekly")
        MONTHLY = "monthly", _("Monthly")
        YEARLY = "yearly", _("Yearly")

    class Weekday(models.TextChoices):
        MO = "MO", _("Monday")
        TU = "TU", _("Tuesday")
        WE = "WE", _("Wednesday")
        TH = "TH", _("Thursday")
        FR = "FR", _("Friday")
        SA = "SA", _("Saturday")
        SU = "SU", _("Sunday")

    class Registration(models.TextChoices):
        NONE = "none", _("No registration")
        SIGNED_IN = "signed_in", _("Anyone signed in")
        MEMBERS = "members", _("Members of the assembly only")

    summary = models.TextField(_("summary"), max_length=500, help_text=_("One or two sentences for listings."))
    body = StreamField(ContentStreamBlock(), verbose_name=_("body"), blank=True)
    image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    category = models.CharField(_("category"), max_length=30, choices=Category.choices, default=Category.OTHER)

    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    all_day = models.BooleanField(
        _("all day"), default=False, help_text=_("The times are then ignored; the end date is the last day.")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    postponed_from = models.DateTimeField(
        _("originally planned for"),
        null=True,
        blank=True,
        help_text=_("When postponed: the date it was planned for. Put the new date in Starts and Ends."),
    )

    repeat = models.CharField(_("repeats"), max_length=10, choices=Repeat.choices, default=Repeat.NONE)
    repeat_interval = models.PositiveSmallIntegerField(
        _("every"), default=1, help_text=_("1 = every week (or day, month, year), 2 = every other…")
    )
    repeat_weekdays = models.JSONField(_("on"), default=list, blank=True)
    repeat_until = models.DateField(_("until"), null=True, blank=True)
    repeat_count = models.PositiveSmallIntegerField(_("number of times"), null=True, blank=True)
    series_ends_at = models.DateTimeField(null=True, blank=True, editable=False)

    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    venue_address = models.CharField(_("address"), max_length=300, blank=True)
    neighbourhood = models.ForeignKey(
        "places.Neighbourhood",
        verbose_name=_("neighbourhood"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    map_url = models.URLField(_("map link"), blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    online_url = models.URLField(_("online link"), blank=True, help_text=_("For an online event: where to join."))

    step_free = models.BooleanField(_("step-free access"), default=False)
    sign_language = models.BooleanField(_("sign-language interpreter"), default=False)
    induction_loop = models.BooleanField(_("induction loop"), default=False)
    easy_read = models.BooleanField(_("easy-read material"), default=False)

    registration = models.CharField(
        _("registration"), max_length=10, choices=Registration.choices, default=Registration.NONE
    )
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True, help_text=_("Empty for no limit."))
    registration_deadline = models.DateTimeField(
        _("registration closes"), null=True, blank=True, help_text=_("Empty: when the event starts.")
    )

    ical_uid = models.CharField(max_length=255, blank=True, editable=False, db_index=True)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    # This event's VEVENT blocks, serialised with icalendar when the page is saved (see events/ical.py).
    ical_component = models.TextField(blank=True, editable=False)

    objects = PageManager.from_queryset(EventQuerySet)()

    base_form_class = EventPageForm
    parent_page_types = ["events.CalendarPage", "assemblies.AssemblyPage"]
    subpage_types = []
    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldPanel("all_day"),
                FieldRowPanel([FieldPanel("status"), FieldPanel("postponed_from")]),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("repeat"), FieldPanel("repeat_interval")]),
                FieldPanel("repeat_weekdays"),
                FieldRowPanel([FieldPanel("repeat_until"), FieldPanel("repeat_count")]),
            ],
            heading=_("Repeats"),
            help_text=_("End a series with a date or a number of times, not both."),
        ),
        InlinePanel("exceptions", heading=_("Changed or cancelled dates of the series"), label=_("Date")),
        MultiFieldPanel(
            [
                FieldPanel("venue_name"),
                FieldPanel("venue_address"),
                FieldRowPanel([FieldPanel("neighbourhood"), FieldPanel("map_url")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                MapPickPanel("latitude", "longitude", heading=_("Place on the map")),
                FieldPanel("online_url"),
            ],
            heading=_("Where"),
        ),
        FieldPanel("category"),
        FieldPanel("image"),
        FieldPanel("body"),
        InlinePanel("speakers", heading=_("Speakers and guests"), label=_("Speaker")),
        MultiFieldPanel(
            [
                FieldPanel("step_free"),
                FieldPanel("sign_language"),
                FieldPanel("induction_loop"),
                FieldPanel("easy_read"),
            ],
            heading=_("Accessibility"),
        ),
        MultiFieldPanel(
            [FieldPanel("registration"), FieldRowPanel([FieldPanel("capacity"), FieldPanel("registration_deadline")])],
            heading=_("Registration"),
        ),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("starts_at"),
    ]

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["starts_at"]), models.Index(fields=["series_ends_at"])]

    def __str__(self):
        return self.title

    # Validation and the derived fields

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at:
            if self.all_day:
                self.starts_at, self.ends_at = _all_day_bounds(self.starts_at, self.ends_at)
            if self.ends_at < self.starts_at:
                errors["ends_at"] = _("The event cannot end before it starts.")
        if self.status == self.Status.POSTPONED and not self.postponed_from:
            errors["postponed_from"] = _("Give the date the event was originally planned for.")
        if self.repeat != self.Repeat.NONE:
            if self.repeat_until and self.repeat_count:
                errors["repeat_count"] = _("End the series with a date or a number of times, not both.")
            if self.repeat_until and self.starts_at and self.repeat_until < recurrence.local(self.starts_at).date():
                errors["repeat_until"] = _("The series cannot end before it starts.")
            if self.repeat == self.Repeat.WEEKLY and self.starts_at:
                first_day = recurrence.WEEKDAYS[recurrence.local(self.starts_at).weekday()]
                # RFC 5545 leaves a first date outside the weekdays undefined: it is always one of them.
                self.repeat_weekdays = sorted(
                    set(self.repeat_weekdays or []) | {first_day}, key=recurrence.WEEKDAYS.index
                )
        if self.capacity is not None and self.registration == self.Registration.NONE:
            errors["capacity"] = _("Places only count when people register.")
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude" if self.longitude is None else "latitude"] = _(
                "Give both the latitude and the longitude, or neither."
            )
        if self.latitude is not None and not -90 <= self.latitude <= 90:
            errors["latitude"] = _("A latitude lies between -90 and 90.")
        if self.longitude is not None and not -180 <= self.longitude <= 180:
            errors["longitude"] = _("A longitude lies between -180 and 180.")
        if errors:
            raise ValidationError(errors)

    @property
    def map_link(self):
        """Where "Map" under the address leads: the editor's own link, else the place on OpenStreetMap (which needs
        neither this site's scripts nor its tiles)."""
        if self.map_url:
            return self.map_url
        if self.latitude is None or self.longitude is None:
            return ""
        return (
            f"https://www.openstreetmap.org/?mlat={self.latitude:.6f}&mlon={self.longitude:.6f}"
            f"#map=17/{self.latitude:.6f}/{self.longitude:.6f}"
        )

    @property
    def map_points(self):
        """The event's place for the map component (components/map.html), or [] when it has no coordinates."""
        if self.latitude is None or self.longitude is None:
            return []
        label = ", ".join(part for part in [self.venue_name, self.venue_address] if part) or self.title
        return [{"lat": float(self.latitude), "lon": float(self.longitude), "label": label}]

    def save(self, *args, **kwargs):
        from events import ical

        update_fields = kwargs.get("update_fields")
        if update_fields is None or "starts_at" in update_fields:
            if not self.ical_uid:
                self.ical_uid = f"{self.translation_key}@{ical.UID_DOMAIN}"
            if self.repeat != self.Repeat.WEEKLY:
                self.repeat_weekdays = []
            self.series_ends_at = self._series_ends_at()
            previous = (
                self.pk and EventPage.objects.filter(pk=self.pk).values(*ical.SIGNIFICANT_FIELDS, "sequence").first()
            )
            if previous:
                self._significant_change = ical.significant_change(previous, self)
                self._changed_dates = ical.changed_dates(self) if self.is_recurring else set()
                changed = self._significant_change or self._changed_dates
                self.sequence = previous["sequence"] + (1 if changed else 0)
            self.ical_component = ical.serialise_event(self)
        super().save(*args, **kwargs)

    def _series_ends_at(self):
        if self.repeat == self.Repeat.NONE:
            return self.ends_at
        last_start = recurrence.series_end(self)
        return None if last_start is None else last_start + (self.ends_at - self.starts_at)

    # What the pages show

    @cached_property
    def assembly(self):
        """The assembly this event belongs to, or None for a council event."""
        from assemblies.models import AssemblyPage

        parent = self.get_parent().specific
        return parent if isinstance(parent, AssemblyPage) else None

    @property
    def is_recurring(self):
        return self.repeat != self.Repeat.NONE

    def repeat_description(self):
        from events import calendar

        return calendar.describe_repeat(self)

    def accessibility(self):
        labels = [
            (self.step_free, _("Step-free access")),
            (self.sign_language, _("Sign-language interpreter")),
            (self.induction_loop, _("Induction loop")),
            (self.easy_read, _("Easy-read material")),
        ]
        return [label for present, label in labels if present]

    def upcoming_occurrences(self, limit=6):
        now = timezone.now()
        return recurrence.occurrences(self, now, now + recurrence.HORIZON)[:limit]

    def next_occurrence(self):
        upcoming = [o for o in self.upcoming_occurrences(limit=10) if not o.is_cancelled]
        return upcoming[0] if upcoming else None

    def bookable_occurrences(self, limit=BOOKABLE_DATES):
        """The coming dates a person may register for: not cancelled, not begun, before registration closes."""
        now = timezone.now()
        found = [
            o
            for o in self.upcoming_occurrences(limit=limit + 10)
            if not o.is_cancelled
            and o.starts_at > now
            and (self.registration_deadline is None or now < self.registration_deadline)
        ]
        return found[:limit]

    def registration_closes_at(self):
        if self.registration_deadline:
            return self.registration_deadline
        occurrence = self.next_occurrence()
        return occurrence.starts_at if occurrence else self.starts_at

    def get_context(self, request, *args, **kwargs):
        from events import registrations

        context = super().get_context(request, *args, **kwargs)
        context["occurrences"] = self.upcoming_occurrences()
        context["registration_state"] = registrations.state_for(self, request.user)
        context["google_calendar_url"] = self.google_calendar_url()
        return context

    def google_calendar_url(self):
        """Google Calendar's "add event" link, for people who do not use .ics files."""
        from urllib.parse import urlencode

        from events import ical

        if self.all_day:
            first = recurrence.local(self.starts_at).date()
            dates = f"{first:%Y%m%d}/{recurrence.local(self.ends_at).date():%Y%m%d}"
        else:
            dates = f"{self.starts_at.astimezone(datetime.UTC):%Y%m%dT%H%M%SZ}/{self.ends_at.astimezone(datetime.UTC):%Y%m%dT%H%M%SZ}"
        query = {
            "action": "TEMPLATE",
            "text": self.title,
            "dates": dates,
            "details": self.summary,
            "location": ", ".join(part for part in [self.venue_name, self.venue_address] if part) or self.online_url,
            "ctz": settings.TIME_ZONE,
        }
        if self.is_recurring:
            query["recur"] = "RRULE:" + ical._rrule(self).to_ical().decode()
        return "https://calendar.google.com/calendar/render?" + urlencode(query)

    @path("kayit/", name="register")
    def register(self, request):
        from events import views

        return views.register(request, self)


def _all_day_bounds(starts_at, ends_at):
    """All-day events run from local midnight of the first day to local midnight after the last.

    An end at local midnight is already that exclusive end, so cleaning twice changes nothing.
    """
    first = recurrence.local(starts_at).date()
    end = recurrence.local(ends_at)
    last = end.date() - datetime.timedelta(days=1) if end.time() == datetime.time() else end.date()
    last = max(last, first)
    start = recurrence.make_aware(datetime.datetime.combine(first, datetime.time()))
    end = recurrence.make_aware(datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time()))
    return start, end


class EventException(Orderable):
    """One repetition of a series, cancelled or moved."""

    class Action(models.TextChoices):
        CANCELLED = "cancelled", _("Cancelled")
        MOVED = "moved", _("Moved")

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="exceptions")
    occurrence_date = models.DateField(_("date in the series"))
    action = models.CharField(_("what happens"), max_length=10, choices=Action.choices, default=Action.CANCELLED)
    new_starts_at = models.DateTimeField(_("new start"), null=True, blank=True)
    new_ends_at = models.DateTimeField(_("new end"), null=True, blank=True)

    panels = [
        FieldPanel("occurrence_date"),
        FieldPanel("action"),
        FieldRowPanel([FieldPanel("new_starts_at"), FieldPanel("new_ends_at")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("changed date")

    def clean(self):
        if self.action == self.Action.MOVED:
            if not (self.new_starts_at and self.new_ends_at):
                raise ValidationError({"new_starts_at": _("A moved date needs its new start and end.")})
            if self.new_ends_at < self.new_starts_at:
                raise ValidationError({"new_ends_at": _("It cannot end before it starts.")})


class Speaker(Orderable):
    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="speakers")
    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("title or role"), max_length=200, blank=True)

    panels = [FieldPanel("name"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = _("speaker")


class Registration(models.Model):
    """A person's place at an event, or on its waitlist."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Registered")
        WAITLISTED = "waitlisted", _("On the waitlist")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(
        EventPage, verbose_name=_("event"), on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    # Which date of a series the place is for, named as EventException names one: the date the rule puts it on,
    # which stays the same when that repetition is moved. For a single event, the day it starts.
    occurrence_date = models.DateField(_("date"), null=True, blank=True)
    code = models.CharField(_("check-in code"), max_length=8)
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    # The language the person registered in: their reminders and notices of changes are written in it.
    language = models.CharField(max_length=10, default="tr", editable=False)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="one_registration_per_person"),
            models.UniqueConstraint(fields=["event", "code"], name="unique_checkin_code"),
        ]
        indexes = [models.Index(fields=["event", "status", "created_at"])]

    def __str__(self):
        # A number, not the person (Wagtail prints str() where other staff may read it).
        name = _("Registration #%(pk)s") % {"pk": self.pk}
        return f"{name} ({self.event})" if self.event_id else str(name)

    def occurrence(self):
        """The occurrence this place is for (its time moved or cancelled as the series says), or None."""
        if self.occurrence_date is None:
            return self.event.next_occurrence()
        return recurrence.occurrence_on(self.event, self.occurrence_date)


class ReminderSent(models.Model):
    """That a registered person was reminded of one occurrence: reminders go out once, however often the task runs."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="reminders")
    occurrence_start = models.DateTimeField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["registration", "occurrence_start"], name="one_reminder_per_occurrence")
        ]

    def __str__(self):
        return f"{self.registration_id} @ {self.occurrence_start}"
