"""The case register of the Çözüm Merkezi: every suggestion, request and complaint, from every channel."""

import datetime
import hashlib
import secrets
import uuid

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import FieldDoesNotExist
from django.core.files.storage import storages
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from complaints import phones, tracking, working_days
from outbox.models import Attempted
from places import turkish


def private_storage():
    return storages["private"]


class ReferenceEntry(models.Model):
    """A named entry of the register's reference lists, listed in Turkish alphabetical order."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    name_en = models.CharField(
        _("name in English"), max_length=150, blank=True, help_text=_("Shown on the English site; empty: the name.")
    )
    active = models.BooleanField(_("active"), default=True)
    sort_key = models.CharField(max_length=300, editable=False, db_index=True)

    class Meta:
        abstract = True
        ordering = ["sort_key"]

    def __str__(self):
        # Residents on the English site read English names; everyone else, and every record, the Turkish one.
        if self.name_en and get_language() == "en":
            return self.name_en
        return self.name

    def save(self, *args, **kwargs):
        self.sort_key = turkish.sort_key(self.name)
        super().save(*args, **kwargs)


class Directorate(ReferenceEntry):
    """A müdürlük: the department a case is routed to; its staff group sees only its own cases."""

    email = models.EmailField(_("e-mail address"), blank=True, help_text=_("Where new cases for it are announced."))
    group = models.OneToOneField(
        Group,
        verbose_name=_("staff group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="directorate",
        help_text=_("People in this group see and answer this directorate's cases."),
    )

    class Meta(ReferenceEntry.Meta):
        verbose_name = _("directorate")
        verbose_name_plural = _("directorates")


class Topic(ReferenceEntry):
    """What a case is about ("Moloz Alımı"), with the directorate that usually handles it."""

    default_directorate = models.ForeignKey(
        Directorate,
        verbose_name=_("default directorate"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="topics",
    )
    public = models.BooleanField(
        _("offered in the suggestion box"), default=True, help_text=_("Residents can choose it themselves.")
    )

    class Meta(ReferenceEntry.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")


class Channel(models.TextChoices):
    PHONE = "phone", _("Phone (call centre)")
    INTERNET = "internet", _("Internet (web and e-mail)")
    IN_PERSON = "in_person", _("In person")
    INFORMATION = "information", _("Right to information (Law 4982)")
    CIMER = "cimer", _("CİMER (Law 3071)")
    ACIK_KAPI = "acik_kapi", _("Açık Kapı")
    BEYAZ_MASA = "beyaz_masa", _("İBB Beyaz Masa")
    FACEBOOK = "facebook", _("Facebook")
    TWITTER = "twitter", _("Twitter")
    INSTAGRAM = "instagram", _("Instagram")
    SUGGESTION_BOX = "suggestion_box", _("Suggestion box (portal)")
    OPEN311 = "open311", _("Open311 API")
    FIELD_VISIT = "field_visit", _("Field visit")


class SocialPlatform(models.TextChoices):
    """The municipality's social-media accounts a case first came through, whatever channel registered it."""

    FACEBOOK = "facebook", _("Facebook")
    TWITTER = "twitter", _("Twitter")
    INSTAGRAM = "instagram", _("Instagram")


def due_date(channel, received_on):
    """The answer's deadline: 15 working days under Law 4982, 30 days under Law 3071, else the configured default."""
    if channel == Channel.INFORMATION:
        return working_days.add_working_days(received_on, 15)
    if channel == Channel.CIMER:
        return working_days.add_calendar_days(received_on, 30)
    return working_days.add_working_days(received_on, settings.COMPLAINTS_DEFAULT_WORKING_DAYS)


# The rows the public indexes cover; CaseQuerySet.public() narrows further (status, anonymised).
PUBLISHED = Q(public_consent=True, hidden_from_public=False)


class CaseQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=Case.OPEN_STATUSES)

    def overdue(self, today=None):
        return self.open().filter(due_on__lt=today or timezone.localdate())

    def due_soon(self, today=None):
        """Open cases due today or within the next `COMPLAINTS_DUE_SOON_DAYS` days."""
        today = today or timezone.localdate()
        horizon = today + datetime.timedelta(days=settings.COMPLAINTS_DUE_SOON_DAYS)
        return self.open().filter(due_on__gte=today, due_on__lte=horizon)

    def visible_to(self, user):
        """The cases `user` may see: all for the call centre, else those of the directorates of their groups."""
        if user.is_superuser or user.has_perm("complaints.view_all_cases"):
            return self
        if not user.has_perm("complaints.view_case"):
            return self.none()
        return self.filter(directorate__group__in=user.groups.all())

    def for_listing(self):
        return self.select_related("topic", "directorate", "neighbourhood")

    def public(self):
        """The cases anyone may see on the public map, list, pages and open data (complaints/publication.py).

        The resident agreed to it on the form, staff have not hidden it, its personal data has not been
        removed, and it is a report in its own right (not rejected, not a duplicate of another).
        """
        return self.filter(public_consent=True, hidden_from_public=False, anonymised_at__isnull=True).exclude(
            status__in=[Case.Status.REJECTED, Case.Status.DUPLICATE]
        )

    def retention_due(self, cutoff):
        """Finished cases not yet anonymised and untouched since `cutoff` (KVKK retention, complaints/retention.py).

        Finished means closed, rejected or a duplicate: no way leads out of these (complaints/cases.py).
        No closing time is stored: a finished case changes only through its history, so the last
        history entry (or the answer, or the filing) is when it was last handled.
        """
        recent = CaseEvent.objects.filter(case=models.OuterRef("pk"), at__gte=cutoff)
        return self.filter(
            Q(answered_at__isnull=True) | Q(answered_at__lt=cutoff),
            status__in=[Case.Status.CLOSED, Case.Status.REJECTED, Case.Status.DUPLICATE],
            anonymised_at__isnull=True,
            received_at__lt=cutoff,
        ).exclude(models.Exists(recent))


class Case(models.Model):
    """A başvuru: one suggestion, request or complaint, whatever channel it came through."""

    # A record, not content: Wagtail's usage index would only add queries to every save.
    wagtail_reference_index_ignore = True

    class Kind(models.TextChoices):
        SUGGESTION = "suggestion", _("Suggestion")
        REQUEST = "request", _("Request")
        COMPLAINT = "complaint", _("Complaint")
        THANKS = "thanks", _("Thanks")
        INFORMATION = "information", _("Information request")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        ROUTED = "routed", _("Routed")
        IN_PROGRESS = "in_progress", _("In progress")
        ANSWERED = "answered", _("Answered")
        CLOSED = "closed", _("Closed")
        REJECTED = "rejected", _("Rejected")
        DUPLICATE = "duplicate", _("Duplicate")

    class ReplyBy(models.TextChoices):
        EMAIL = "email", _("E-mail")
        PHONE = "phone", _("Phone call")
        SMS = "sms", _("Text message (SMS)")

    OPEN_STATUSES = [Status.RECEIVED, Status.ROUTED, Status.IN_PROGRESS]

    tracking_number = models.CharField(_("tracking number"), max_length=tracking.LENGTH, unique=True, editable=False)
    # Stable across systems: the Open311 token and the idempotency key of hand-offs.
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # The suggestion form's one-time key, from the page the resident filled in: the same form sent
    # twice (a double click, or nginx sending it on to another app server) files one case.
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.REQUEST)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    social_platform = models.CharField(
        _("social-media account"), max_length=20, choices=SocialPlatform.choices, blank=True
    )
    topic = models.ForeignKey(Topic, verbose_name=_("topic"), null=True, blank=True, on_delete=models.PROTECT)
    neighbourhood = models.ForeignKey(
        "places.Neighbourhood", verbose_name=_("neighbourhood"), null=True, blank=True, on_delete=models.PROTECT
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    description = models.TextField(_("description"))

    anonymous = models.BooleanField(_("anonymous"), default=False)
    name = models.CharField(_("name"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True, db_index=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    reply_by = models.CharField(_("reply by"), max_length=10, choices=ReplyBy.choices, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cases",
    )
    language = models.CharField(_("language for replies"), max_length=10, default="tr")
    consent_at = models.DateTimeField(_("KVKK consent given at"), null=True, blank=True)
    consent_document = models.CharField(_("KVKK notice"), max_length=500, blank=True)

    directorate = models.ForeignKey(
        Directorate,
        verbose_name=_("directorate"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    duplicate_of = models.ForeignKey(
        "self", verbose_name=_("duplicate of"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    due_on = models.DateField(_("due on"))
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    # Kept with the answer so the statistics average and compare in the database, without date arithmetic.
    answered_on = models.DateField(_("answered on"), null=True, blank=True, editable=False)
    completed_in = models.DurationField(_("time to answer"), null=True, blank=True, editable=False)
    public_answer = models.TextField(_("answer to the citizen"), blank=True)
    remote_reference = models.CharField(_("number in the municipality's system"), max_length=100, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    anonymised_at = models.DateTimeField(
        _("personal data removed at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The retention period ended: the citizen's details, photos and notes were removed."),
    )

    # Publishing (complaints/publication.py): only with the resident's agreement, only what staff let through.
    public_consent = models.BooleanField(
        _("may be shown publicly"),
        default=False,
        help_text=_("The resident agreed that the report (never their name or contact details) is shown publicly."),
    )
    hidden_from_public = models.BooleanField(
        _("hidden from the public"),
        default=False,
        help_text=_("Staff keep this report off the public map, list and open data."),
    )
    public_description = models.TextField(
        _("description shown publicly"),
        blank=True,
        help_text=_("The resident's text as staff let it be published: without names, phone numbers or addresses."),
    )
    moderated_at = models.DateTimeField(_("checked for publishing at"), null=True, blank=True, editable=False)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked for publishing by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The resident's word after the answer ("Is it fixed?"): a rating when it was, a reopening when it was not.
    satisfaction = models.PositiveSmallIntegerField(
        _("satisfaction"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("1 (very unhappy) to 5 (very happy), given by the resident when they confirmed the fix."),
    )
    reopen_count = models.PositiveSmallIntegerField(_("times reopened"), default=0, editable=False)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        permissions = [("view_all_cases", "Can see every directorate's cases")]
        indexes = [
            models.Index(fields=["-received_at", "-id"], name="case_newest"),
            models.Index(fields=["status", "due_on"], name="case_status_due"),
            models.Index(fields=["directorate", "status", "-received_at"], name="case_directorate"),
            models.Index(fields=["channel", "-received_at"], name="case_channel"),
            models.Index(fields=["topic", "-received_at"], name="case_topic"),
            models.Index(fields=["neighbourhood", "-received_at"], name="case_neighbourhood"),
            # The public map and list (complaints/publication.py): only published rows, newest first, per filter.
            models.Index(fields=["-received_at", "-id"], condition=PUBLISHED, name="case_public_newest"),
            models.Index(fields=["topic", "-received_at"], condition=PUBLISHED, name="case_public_topic"),
            models.Index(fields=["neighbourhood", "-received_at"], condition=PUBLISHED, name="case_public_place"),
            models.Index(fields=["status", "-received_at"], condition=PUBLISHED, name="case_public_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="duplicate", duplicate_of__isnull=False) | ~Q(status="duplicate"),
                name="case_duplicate_has_original",
            ),
        ]

    def __str__(self):
        return self.display_number

    @property
    def display_number(self):
        return tracking.display(self.tracking_number)

    @property
    def security_code(self):
        """With the number, it opens the case's status page (complaints/tracking.py); only the resident is given it."""
        return tracking.display_code(tracking.security_code(self.uuid))

    @property
    def lookup_query(self):
        """The query string of the status page's secret link: the number and its code, so no typing is needed."""
        from urllib.parse import urlencode

        return "?" + urlencode({"no": self.tracking_number, "kod": tracking.security_code(self.uuid)})

    @property
    def display_phone(self):
        """The phone as people write it ("0532 123 45 67"), not as stored ("+905321234567")."""
        return phones.display(self.phone) if self.phone else ""

    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES

    def mark_answered(self, at):
        self.answered_at = at
        self.answered_on = timezone.localdate(at) if at else None
        self.completed_in = at - self.received_at if at else None

    def is_overdue(self, today=None):
        return self.is_open and self.due_on < (today or timezone.localdate())

    def is_due_soon(self, today=None):
        today = today or timezone.localdate()
        return self.is_open and today <= self.due_on <= today + datetime.timedelta(
            days=settings.COMPLAINTS_DUE_SOON_DAYS
        )


class CaseNote(models.Model):
    """An internal note: seen by staff only, never by the citizen."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")

    def __str__(self):
        # A note speaks of the citizen; it is named by its case (see Notification.__str__).
        return str(_("Note #%(pk)s (%(case)s)") % {"pk": self.pk, "case": self.case})


class CaseEvent(models.Model):
    """One line of a case's history: who changed what, when; `public` lines are shown to the citizen."""

    class Action(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        CHANGED = "changed", _("Changed")
        ROUTED = "routed", _("Routed")
        STATUS = "status", _("Status changed")
        ANSWERED = "answered", _("Answered")
        NOTE = "note", _("Note added")
        NOTIFIED = "notified", _("Citizen notified")
        FORWARDED = "forwarded", _("Handed to the municipality's system")
        REOPENED = "reopened", _("Reopened: not fixed, says the resident")
        CONFIRMED = "confirmed", _("Fixed, says the resident")
        SUPPORTED = "supported", _("Another resident reported the same")
        MERGED = "merged", _("Merged into another case")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    changes = models.JSONField(default=dict, blank=True)  # field name -> [old, new], as shown to people
    message = models.CharField(max_length=500, blank=True)
    public = models.BooleanField(default=False)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("history entry")
        verbose_name_plural = _("history")

    def __str__(self):
        return f"{self.get_action_display()} {timezone.localtime(self.at):%d.%m.%Y %H:%M}"

    def changes_shown(self):
        """Each change as (the field's name in words, old, new): ("Müdürlük", "—", "Veteriner İşleri Müdürlüğü")."""
        rows = []
        for name, values in self.changes.items():
            old, new = (list(values) + ["", ""])[:2]
            try:
                field = Case._meta.get_field(name)
            except FieldDoesNotExist:
                label = name.replace("_", " ")
            else:
                label = field.verbose_name
                if isinstance(field, models.DateField):
                    old, new = _date_text(old), _date_text(new)
            rows.append((capfirst(label), old or "—", new or "—"))
        return rows


def _date_text(value):
    """An ISO date kept in the history ("2026-12-08") as people write it ("08.12.2026")."""
    try:
        return datetime.date.fromisoformat(value).strftime("%d.%m.%Y")
    except (TypeError, ValueError):
        return value


def attachment_path(attachment, filename):
    return f"cases/{timezone.now():%Y/%m}/{filename}"


class Attachment(models.Model):
    """A photo or document of a case, kept out of the public media folder."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=attachment_path, storage=private_storage, max_length=300)
    content_type = models.CharField(max_length=100)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    size = models.PositiveIntegerField(default=0)
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return str(_("Attachment #%(pk)s (%(case)s)") % {"pk": self.pk, "case": self.case})

    @property
    def is_image(self):
        return self.content_type.startswith("image/")


class PublicPhoto(models.Model):
    """The copy of a case's photo that the public sees, made by staff: faces and number plates blurred, metadata gone.

    The original stays private in `Attachment`; without a PublicPhoto a photo is never shown publicly.
    """

    attachment = models.OneToOneField(Attachment, on_delete=models.CASCADE, related_name="public_photo")
    file = models.FileField(_("file"), upload_to=attachment_path, storage=private_storage, max_length=300)
    blurred = models.JSONField(
        _("blurred areas"), default=list, blank=True
    )  # [[x, y, width, height], …] in the original's pixels
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), default=timezone.now)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("public photo")
        verbose_name_plural = _("public photos")

    def __str__(self):
        return str(_("Public copy of %(attachment)s") % {"attachment": self.attachment})


class Supporter(models.Model):
    """A resident who reported the same thing and added their voice to this case instead of filing a duplicate.

    Counted on the case, told of its answer; personal data, so removed with the case's (complaints/retention.py).
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="supporters")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(_("name"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    note = models.TextField(_("note"), blank=True)
    consent_at = models.DateTimeField(_("KVKK consent given at"), null=True, blank=True)
    created_at = models.DateTimeField(_("added at"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("supporter")
        verbose_name_plural = _("supporters")

    def __str__(self):
        return str(_("Supporter of %(case)s") % {"case": self.case})

    @property
    def display_phone(self):
        return phones.display(self.phone) if self.phone else ""


class Notification(Attempted):
    """A message to the citizen (e-mail or SMS), kept until it is delivered, retried when sending fails
    (status, attempts and their times: outbox.Attempted, sent by outbox/delivery.py)."""

    # A record, not content: Wagtail's usage index would only add queries to every save.
    wagtail_reference_index_ignore = True

    class Medium(models.TextChoices):
        EMAIL = "email", _("E-mail")
        SMS = "sms", _("SMS")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notifications")
    medium = models.CharField(_("medium"), max_length=10, choices=Medium.choices)
    recipient = models.CharField(_("recipient"), max_length=254)
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    body = models.TextField(_("text"))

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        permissions = [("retry_notification", "Can send a failed notification again")]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="notification_due")]

    def __str__(self):
        # Not the citizen's phone or e-mail: Wagtail prints str() on pages other staff may reach.
        return str(_("Notification #%(pk)s") % {"pk": self.pk})


class ApiKeyQuerySet(models.QuerySet):
    def matching(self, raw):
        """The active key whose secret is `raw`, or None."""
        if not raw:
            return None
        return self.filter(active=True, key_hash=ApiKey.hash(raw)).first()


class ApiKey(models.Model):
    """A partner system's key for posting service requests through Open311; only its hash is stored."""

    name = models.CharField(_("name"), max_length=150, help_text=_("Who uses it, e.g. “İBB Beyaz Masa”."))
    prefix = models.CharField(_("key begins with"), max_length=8, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True, editable=False)

    objects = ApiKeyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")

    def __str__(self):
        # The key's first characters are part of the secret; the listing shows them to administrators.
        return str(_("API key #%(pk)s") % {"pk": self.pk})

    @staticmethod
    def hash(raw):
        return hashlib.sha256(raw.encode()).hexdigest()

    def issue(self):
        """Give the key a new secret, returned once: only its hash and first characters are kept."""
        raw = secrets.token_urlsafe(32)
        self.prefix = raw[:8]
        self.key_hash = self.hash(raw)
        return raw


class Delivery(models.Model):
    """The hand-off of one case to the municipality's own complaint system (see complaints/handoff.py)."""

    # A record, not content: Wagtail's usage index would only add queries to every save.
    wagtail_reference_index_ignore = True

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENDING = "sending", _("Being sent")
        RETRYING = "retrying", _("Failed, will retry")
        DELIVERED = "delivered", _("Delivered")
        NEEDS_ATTENTION = "needs_attention", _("Needs attention")

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="delivery")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    ambiguous = models.BooleanField(
        _("may have arrived"), default=False, help_text=_("The last attempt failed after sending: ask before posting.")
    )
    last_error = models.TextField(_("last error"), blank=True)
    remote_reference = models.CharField(_("number in the municipality's system"), max_length=100, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    class Meta:
        ordering = ["-next_attempt_at", "-pk"]
        verbose_name = _("hand-off")
        verbose_name_plural = _("hand-offs")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="delivery_due")]

    def __str__(self):
        return f"{self.case} → {self.get_status_display()}"


class RemoteUpdate(models.Model):
    """An answer or status change from the municipality's system, kept by its id so it is applied only once."""

    update_id = models.CharField(_("update id"), max_length=200, unique=True)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="remote_updates")
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    payload = models.JSONField(default=dict)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("update from the municipality's system")
        verbose_name_plural = _("updates from the municipality's system")

    def __str__(self):
        return self.update_id
