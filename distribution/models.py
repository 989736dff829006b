"""Çözüm Postası: the recipient book, publications, their distributions, couriers' routes and what happened at each stop."""

import re
import uuid

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from config.spreadsheet_imports import SpreadsheetImport
from places import turkish


def normalised(text):
    """Lower-case Turkish, ASCII-folded, punctuation and repeated spaces removed: how duplicates are compared."""
    text = turkish.lower(text or "").translate(str.maketrans("çğıöşüâîû", "cgiosuaiu"))
    text = re.sub(r"\b(mah|mahallesi|cad|caddesi|cd|sok|sokak|sokagi|sk|no|apt|d|daire)\b\.?", " ", text)
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


class RecipientList(models.Model):
    """A named list of recipients, e.g. "Kültür bülteni aboneleri" or "Muhtarlar"."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    description = models.TextField(_("description"), blank=True)
    sort_key = models.CharField(max_length=300, editable=False, db_index=True)

    class Meta:
        ordering = ["sort_key"]
        verbose_name = _("recipient list")
        verbose_name_plural = _("recipient lists")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.sort_key = turkish.sort_key(self.name)
        super().save(*args, **kwargs)


class RecipientQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)

    def in_turkish_order(self):
        return self.order_by("sort_key", "pk")

    def chosen(self, lists=(), kinds=(), neighbourhoods=()):
        """The active recipients on any of `lists`, of any of `kinds`, in any of `neighbourhoods` (empty: all)."""
        found = self.active()
        if lists:
            found = found.filter(lists__in=lists)
        if kinds:
            found = found.filter(kind__in=kinds)
        if neighbourhoods:
            found = found.filter(neighbourhood__in=neighbourhoods)
        return found.distinct() if lists else found


class Recipient(models.Model):
    """An organisation or a person the team delivers to, with a Turkish address in its parts."""

    class Kind(models.TextChoices):
        MUHTARLIK = "muhtarlik", _("Muhtarlık")
        SCHOOL = "school", _("School")
        ASSOCIATION = "association", _("Association or foundation")
        PUBLIC_INSTITUTION = "public_institution", _("Public institution")
        HEALTH_CENTRE = "health_centre", _("Health centre")
        PLACE_OF_WORSHIP = "place_of_worship", _("Place of worship")
        SHOP = "shop", _("Shop")
        COMPANY = "company", _("Company")
        INDIVIDUAL = "individual", _("Individual")
        OTHER = "other", _("Other")

    kind = models.CharField(_("type"), max_length=30, choices=Kind.choices, default=Kind.OTHER)
    name = models.CharField(_("name"), max_length=200)
    contact_person = models.CharField(_("contact person"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    neighbourhood = models.ForeignKey(
        "places.Neighbourhood", verbose_name=_("neighbourhood (mahalle)"), on_delete=models.PROTECT
    )
    street = models.CharField(_("avenue or street (cadde/sokak)"), max_length=150)
    building_no = models.CharField(_("building number (dış kapı no)"), max_length=20, blank=True)
    door_no = models.CharField(_("door number (iç kapı no)"), max_length=20, blank=True)
    site_block = models.CharField(_("estate or block (site/blok)"), max_length=100, blank=True)
    postcode = models.CharField(
        _("postcode"),
        max_length=5,
        blank=True,
        validators=[RegexValidator(r"^\d{5}$", _("A postcode has five digits."))],
    )
    uavt_code = models.CharField(
        _("UAVT address code"),
        max_length=10,
        null=True,
        blank=True,
        unique=True,
        validators=[RegexValidator(r"^\d{10}$", _("The UAVT address code has ten digits."))],
        help_text=_("The national address register's ten-digit code of the door (optional)."),
    )
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    lists = models.ManyToManyField(RecipientList, verbose_name=_("lists"), blank=True, related_name="recipients")
    active = models.BooleanField(_("active"), default=True)
    sort_key = models.CharField(max_length=400, editable=False, db_index=True)
    # Normalised name and address (see `normalised`), to find duplicates.
    match_key = models.CharField(max_length=400, editable=False, db_index=True)
    created_at = models.DateTimeField(_("added"), default=timezone.now, editable=False)

    objects = RecipientQuerySet.as_manager()

    class Meta:
        ordering = ["sort_key", "pk"]
        verbose_name = _("recipient")
        verbose_name_plural = _("recipients")
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="recipient_both_coordinates_or_none",
            )
        ]

    def __str__(self):
        # An organisation is known by its name; a private person by a number (their name is personal data).
        if self.kind == self.Kind.INDIVIDUAL:
            return str(_("Recipient #%(pk)s (%(kind)s)") % {"pk": self.pk, "kind": self.get_kind_display()})
        return self.name

    def save(self, *args, **kwargs):
        self.uavt_code = self.uavt_code or None
        self.sort_key = turkish.sort_key(self.name)
        self.match_key = self.compute_match_key()
        super().save(*args, **kwargs)

    def compute_match_key(self):
        return "|".join(
            [
                normalised(self.name),
                str(self.neighbourhood_id or ""),
                normalised(self.street),
                normalised(self.building_no),
            ]
        )

    @property
    def point(self):
        if self.latitude is None or self.longitude is None:
            return None
        return (float(self.latitude), float(self.longitude))

    @property
    def street_line(self):
        """ "Alemdağ Cad. No: 12 İç Kapı: 3, Yıldız Sitesi A Blok"."""
        line = self.street
        if self.building_no:
            line += f" No: {self.building_no}"
        if self.door_no:
            line += f" İç Kapı: {self.door_no}"
        if self.site_block:
            line += f", {self.site_block}"
        return line

    @property
    def address(self):
        return f"{self.street_line}, {self.neighbourhood.name} Mah."

    def label_lines(self):
        lines = [self.name]
        if self.contact_person and self.contact_person != self.name:
            lines.append(self.contact_person)
        lines.append(self.street_line)
        lines.append(f"{self.neighbourhood.name} Mah. {self.postcode} Ümraniye / İstanbul".replace("  ", " "))
        return lines


class Publication(models.Model):
    """Something the municipality prints and the team carries: a magazine issue, an invitation, a bulletin."""

    class Kind(models.TextChoices):
        MAGAZINE = "magazine", _("Magazine")
        INVITATION = "invitation", _("Invitation")
        BROCHURE = "brochure", _("Brochure")
        CULTURE_BULLETIN = "culture_bulletin", _("Culture bulletin")
        BULLETIN = "bulletin", _("Bulletin")
        OTHER = "other", _("Other")

    kind = models.CharField(_("type"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    issue = models.CharField(_("issue"), max_length=50, blank=True, help_text=_('E.g. "Sayı 42" or "Kasım 2026".'))
    date = models.DateField(_("date"), default=timezone.localdate)

    class Meta:
        ordering = ["-date", "title"]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    def __str__(self):
        return f"{self.title} {self.issue}".strip()


class DistributionQuerySet(models.QuerySet):
    def in_progress(self):
        """Being planned or with routes out: not yet marked finished."""
        return self.exclude(status=Distribution.Status.DONE)

    def with_progress(self):
        """Routes, copies planned (first visits) and stops recorded of all stops, for the team's dashboard."""
        pending = Q(routes__stops__outcome=Stop.Outcome.PENDING)
        return self.annotate(
            route_count=models.Count("routes", distinct=True),
            copies=Sum("routes__stops__quantity", filter=Q(routes__stops__visit=1)),
            stop_count=models.Count("routes__stops"),
            done=models.Count("routes__stops", filter=~pending & Q(routes__stops__isnull=False)),
        )


class Distribution(ClusterableModel):
    """One delivery round of a publication: whom it goes to, how many copies each, and how routes are cut."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Being planned")
        ROUTED = "routed", _("Routes built")
        DONE = "done", _("Finished")

    publication = models.ForeignKey(
        Publication, verbose_name=_("publication"), on_delete=models.PROTECT, related_name="distributions"
    )
    date = models.DateField(_("delivery date"), default=timezone.localdate)
    lists = models.ManyToManyField(RecipientList, verbose_name=_("lists"), blank=True)
    kinds = models.JSONField(_("recipient types"), default=list, blank=True)
    neighbourhoods = models.ManyToManyField("places.Neighbourhood", verbose_name=_("neighbourhoods"), blank=True)
    default_quantity = models.PositiveIntegerField(
        _("copies per recipient"), default=1, validators=[MinValueValidator(1)]
    )
    quantities = models.JSONField(_("copies per recipient type"), default=dict, blank=True)
    max_stops = models.PositiveIntegerField(
        _("most stops on a route"), null=True, blank=True, default=60, validators=[MinValueValidator(1)]
    )
    max_copies = models.PositiveIntegerField(
        _("most copies on a route"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    objects = DistributionQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("distribution")
        verbose_name_plural = _("distributions")

    def __str__(self):
        return f"{self.publication} — {self.date:%d.%m.%Y}"

    def quantity_for(self, recipient, overrides=None):
        if overrides and recipient.pk in overrides:
            return overrides[recipient.pk]
        return int(self.quantities.get(recipient.kind, self.default_quantity))


class QuantityOverride(models.Model):
    """A different number of copies for one recipient of a distribution (0 leaves it out)."""

    distribution = ParentalKey(Distribution, on_delete=models.CASCADE, related_name="overrides")
    recipient = models.ForeignKey(Recipient, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="+")
    quantity = models.PositiveIntegerField(_("copies"))

    class Meta:
        verbose_name = _("copies for one recipient")
        constraints = [models.UniqueConstraint(fields=["distribution", "recipient"], name="one_override_per_recipient")]

    def __str__(self):
        return f"{self.recipient}: {self.quantity}"


class RouteQuerySet(models.QuerySet):
    def with_totals(self):
        return self.annotate(stop_count=models.Count("stops"), copies=Sum("stops__quantity"))

    def with_progress(self):
        """Stops, copies and stops already recorded (`done`), for the courier's list and the dashboards."""
        return self.with_totals().annotate(
            done=models.Count("stops", filter=~Q(stops__outcome=Stop.Outcome.PENDING)),
        )

    def still_to_walk(self, user, today):
        """The routes given to `user` that are theirs to walk: dated `today` or later, or earlier and unfinished."""
        unfinished = models.Exists(Stop.objects.filter(route=models.OuterRef("pk"), outcome=Stop.Outcome.PENDING))
        return (
            self.filter(courier=user)
            .exclude(distribution__status=Distribution.Status.DONE)
            .filter(Q(distribution__date__gte=today) | unfinished)
            .order_by("distribution__date", "distribution", "number")
        )


class Route(models.Model):
    """A courier's walk: consecutive stops in one mahalle, printed on one sheet and recorded from one page."""

    distribution = models.ForeignKey(
        Distribution, verbose_name=_("distribution"), on_delete=models.CASCADE, related_name="routes"
    )
    number = models.PositiveIntegerField(_("number"))
    neighbourhood = models.ForeignKey(
        "places.Neighbourhood", verbose_name=_("neighbourhood"), on_delete=models.PROTECT, related_name="+"
    )
    courier = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("courier"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="routes",
    )
    follows = models.ForeignKey(
        "self",
        verbose_name=_("follow-up of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="follow_ups",
    )
    order_locked = models.BooleanField(
        _("order locked"), default=False, help_text=_("Rebuilding the routes keeps this route's stops as they are.")
    )
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    objects = RouteQuerySet.as_manager()

    class Meta:
        ordering = ["distribution", "number"]
        verbose_name = _("route")
        verbose_name_plural = _("routes")
        constraints = [models.UniqueConstraint(fields=["distribution", "number"], name="one_route_number")]

    def __str__(self):
        return str(
            _("Route %(number)s — %(neighbourhood)s") % {"number": self.number, "neighbourhood": self.neighbourhood}
        )


class Stop(models.Model):
    """One recipient on a route, with the copies to leave and what happened there."""

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Not yet visited")
        DELIVERED = "delivered", pgettext_lazy("stop outcome", "Delivered")
        NOBODY = "nobody", _("Nobody there")
        REFUSED = "refused", _("Refused")
        NOT_FOUND = "not_found", _("Address not found")

    route = models.ForeignKey(Route, verbose_name=_("route"), on_delete=models.CASCADE, related_name="stops")
    recipient = models.ForeignKey(
        Recipient, verbose_name=_("recipient"), on_delete=models.PROTECT, related_name="stops"
    )
    position = models.PositiveIntegerField(_("order"))
    quantity = models.PositiveIntegerField(_("copies"))
    visit = models.PositiveSmallIntegerField(
        _("visit"), default=1, help_text=_("1 for the first visit, 2 for a follow-up…")
    )
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices, default=Outcome.PENDING)
    received_by = models.CharField(_("received by"), max_length=150, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_at = models.DateTimeField(_("recorded"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["route", "position"]
        verbose_name = _("stop")
        verbose_name_plural = _("stops")
        indexes = [models.Index(fields=["route", "position"], name="stop_order")]

    def __str__(self):
        return f"{self.position}. {self.recipient}"

    @property
    def code(self):
        """What the stop's barcode on the route sheet says."""
        return f"R{self.route_id}-S{self.pk}"


def private_storage():
    """Where uploaded recipient books wait to be imported: never served to the web."""
    from django.core.files.storage import storages

    return storages["private"]


class RecipientImport(SpreadsheetImport):
    """One upload of a recipient book: checked first (dry run), imported when a team member confirms."""

    file = models.FileField(upload_to="recipient-imports/", storage=private_storage, blank=True)

    class Meta(SpreadsheetImport.Meta):
        verbose_name = _("recipient import")

    def __str__(self):
        return self.original_name
