"""Field visits: plans by mahalle and street, the visits recorded on a phone, representation at fairs and events,
and the requests raised on either, each of which can become a case in the register."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from complaints import phones


class VisitKind(models.TextChoices):
    SHOPKEEPER = "shopkeeper", _("Shopkeeper (esnaf)")
    EMPLOYER = "employer", _("Employer (işveren)")
    CITIZEN = "citizen", _("Citizen")


class Satisfaction(models.IntegerChoices):
    """The person's satisfaction with the municipality's services; 0 when they did not want to answer."""

    DECLINED = 0, _("Did not want to answer")
    VERY_LOW = 1, _("1 – very dissatisfied")
    LOW = 2, _("2 – dissatisfied")
    MIDDLE = 3, _("3 – neither")
    HIGH = 4, _("4 – satisfied")
    VERY_HIGH = 5, _("5 – very satisfied")


class VisitPlanQuerySet(models.QuerySet):
    def of_staff(self, user):
        return self.filter(staff=user)


class VisitPlan(ClusterableModel):
    """A day's round in one mahalle: the streets to walk, who walks them and the stops planned."""

    date = models.DateField(_("date"), default=timezone.localdate)
    neighbourhood = models.ForeignKey(
        "places.Neighbourhood", verbose_name=_("neighbourhood (mahalle)"), on_delete=models.PROTECT
    )
    streets = models.TextField(_("streets"), blank=True, help_text=_("One avenue or street (cadde/sokak) per line."))
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("staff assigned"), related_name="visit_plans", blank=True
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = VisitPlanQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "pk"]
        verbose_name = _("visit plan")
        verbose_name_plural = _("visit plans")

    def __str__(self):
        return str(_("%(place)s, %(date)s") % {"place": self.neighbourhood, "date": self.date.strftime("%d.%m.%Y")})

    @property
    def street_list(self):
        return [line.strip() for line in self.streets.splitlines() if line.strip()]


class PlannedStop(models.Model):
    """A shop, employer or household the plan means to visit."""

    plan = ParentalKey(VisitPlan, on_delete=models.CASCADE, related_name="stops")
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=VisitKind.choices, default=VisitKind.SHOPKEEPER)
    name = models.CharField(_("business or person"), max_length=200)
    firm = models.ForeignKey(
        "employment.Firm",
        verbose_name=_("firm registered with the employment centre"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    street = models.CharField(_("avenue or street (cadde/sokak)"), max_length=150, blank=True)
    building_no = models.CharField(_("building number"), max_length=20, blank=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("planned stop")
        verbose_name_plural = _("planned stops")

    def __str__(self):
        # A citizen's door is named by its number: Wagtail prints str() on confirmations and history.
        if self.kind == VisitKind.CITIZEN:
            return str(_("Stop #%(pk)s") % {"pk": self.pk})
        return self.name

    @property
    def address(self):
        return " ".join(part for part in (self.street, self.building_no) if part)


class VisitQuerySet(models.QuerySet):
    def for_listing(self):
        return self.select_related("neighbourhood", "recorded_by", "firm")

    def contacts_due(self, cutoff):
        """Visits before `cutoff` still holding the person's details, none of whose requests is an open case."""
        from complaints.models import Case

        open_case = FieldRequest.objects.filter(visit=models.OuterRef("pk"), case__status__in=Case.OPEN_STATUSES)
        return (
            self.filter(visited_at__lt=cutoff, contacts_erased_at__isnull=True)
            .exclude(models.Exists(open_case))
            .exclude(person_name="", person_role="", contact_phone="", notes="")
        )


class Visit(models.Model):
    """One visit to a shopkeeper, an employer or a citizen, as the officer records it on the spot."""

    # A record, not content: Wagtail's usage index would only add queries to every save.
    wagtail_reference_index_ignore = True

    kind = models.CharField(_("kind"), max_length=20, choices=VisitKind.choices, default=VisitKind.SHOPKEEPER)
    stop = models.OneToOneField(
        PlannedStop,
        verbose_name=_("planned stop"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="visit",
    )
    firm = models.ForeignKey(
        "employment.Firm",
        verbose_name=_("firm registered with the employment centre"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="field_visits",
        help_text=_("For an employer the centre knows; a potential employer is named below."),
    )
    visited_at = models.DateTimeField(_("visited at"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("visited by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="field_visits",
    )
    neighbourhood = models.ForeignKey(
        "places.Neighbourhood", verbose_name=_("neighbourhood (mahalle)"), on_delete=models.PROTECT
    )
    street = models.CharField(_("avenue or street (cadde/sokak)"), max_length=150, blank=True)
    business_name = models.CharField(_("business name"), max_length=200, blank=True)
    person_name = models.CharField(_("person met"), max_length=150, blank=True)
    person_role = models.CharField(
        _("their role"), max_length=100, blank=True, help_text=_("E.g. owner, manager, employee.")
    )
    topics = models.ManyToManyField(
        "complaints.Topic", verbose_name=_("topics raised"), blank=True, related_name="field_visits"
    )
    satisfaction = models.PositiveSmallIntegerField(
        _("satisfaction with municipal services"), choices=Satisfaction.choices, null=True, blank=True
    )
    contact_consent = models.BooleanField(_("agrees to be contacted"), default=False)
    contact_phone = models.CharField(_("phone"), max_length=20, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    contacts_erased_at = models.DateTimeField(
        _("personal data removed at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The retention period ended: the person met, their phone and the notes were removed."),
    )

    objects = VisitQuerySet.as_manager()

    class Meta:
        ordering = ["-visited_at", "-pk"]
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        permissions = [("supervise_visits", "Can plan visits and change every visit")]
        indexes = [models.Index(fields=["-visited_at", "-id"], name="visit_newest")]

    def __str__(self):
        name = self.business_name or (self.firm.name if self.firm_id else "") or self.get_kind_display()
        return f"{name} ({timezone.localtime(self.visited_at):%d.%m.%Y})"

    @property
    def display_phone(self):
        return phones.display(self.contact_phone) if self.contact_phone else ""


class Representation(models.Model):
    """The municipality's stand at a fair or event (Belediye temsil): who was on duty, how many were informed."""

    wagtail_reference_index_ignore = True

    title = models.CharField(_("event or fair"), max_length=200)
    place = models.CharField(_("place"), max_length=200)
    neighbourhood = models.ForeignKey(
        "places.Neighbourhood",
        verbose_name=_("neighbourhood (mahalle)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    starts_on = models.DateField(_("first day"), default=timezone.localdate)
    ends_on = models.DateField(_("last day"), null=True, blank=True, help_text=_("Empty: a one-day event."))
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("staff on duty"), related_name="representations", blank=True
    )
    visitors_informed = models.PositiveIntegerField(_("visitors informed"), default=0)
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("representation at an event")
        verbose_name_plural = _("representation at events")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="representation_ends_after_start",
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.starts_on:%d.%m.%Y})"

    @property
    def last_day(self):
        return self.ends_on or self.starts_on


class FieldRequestQuerySet(models.QuerySet):
    def for_listing(self):
        return self.select_related("topic", "case", "visit", "representation")

    def contacts_due(self, cutoff):
        """Requests raised before `cutoff` that still hold a name or phone and are no open case."""
        from complaints.models import Case

        old = Q(visit__visited_at__lt=cutoff) | Q(representation__starts_on__lt=timezone.localdate(cutoff))
        return self.filter(old).exclude(name="", phone="").exclude(case__status__in=Case.OPEN_STATUSES)


class FieldRequest(models.Model):
    """A request, complaint or suggestion someone raised on a visit or at an event; it can become a case.

    The case keeps no link back (the register does not know this app): the request
    points at the case it became, and the case's channel is "Saha ziyareti".
    """

    wagtail_reference_index_ignore = True

    visit = models.ForeignKey(Visit, null=True, blank=True, on_delete=models.CASCADE, related_name="requests")
    representation = models.ForeignKey(
        Representation, null=True, blank=True, on_delete=models.CASCADE, related_name="requests"
    )
    text = models.TextField(_("request"))
    topic = models.ForeignKey(
        "complaints.Topic", verbose_name=_("topic"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    neighbourhood = models.ForeignKey(
        "places.Neighbourhood",
        verbose_name=_("neighbourhood (mahalle)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    name = models.CharField(_("name"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    contact_consent = models.BooleanField(_("agrees to be contacted"), default=False)
    case = models.OneToOneField(
        "complaints.Case",
        verbose_name=_("case"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="field_request",
        editable=False,
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    objects = FieldRequestQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("request raised")
        verbose_name_plural = _("requests raised")
        constraints = [
            models.CheckConstraint(
                condition=Q(visit__isnull=False, representation__isnull=True)
                | Q(visit__isnull=True, representation__isnull=False),
                name="field_request_has_one_origin",
            )
        ]

    def __str__(self):
        return str(_("Request #%(pk)s") % {"pk": self.pk})

    @property
    def origin(self):
        return self.visit or self.representation
