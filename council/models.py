"""The council's governing work (Municipal Law 5393, art. 76).

Bodies (Genel Kurul, Yürütme Kurulu, the assemblies' boards, working groups) have
seats held by people for organisations and terms; a body meets; a meeting has an
agenda, attendance with a quorum, and minutes; an agenda item's outcome can be an
opinion to the municipality, whose journey to the municipal council's answer is a
timeline of steps. Coordinators write bulletins to their assembly's members;
citizens follow assemblies, bodies and opinions.
"""

import math
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.models import Orderable

from places import turkish
from theme.models import BasePage


class QuorumRule(models.TextChoices):
    """How many of the filled seats must be present for a body's meeting to decide."""

    MAJORITY = "majority", _("Absolute majority of the filled seats (more than half)")
    ONE_THIRD = "one_third", _("One third of the filled seats")
    TWO_THIRDS = "two_thirds", _("Two thirds of the filled seats")
    NONE = "none", _("No quorum: those present decide")

    def required(self, filled):
        """The number present that makes a quorum out of `filled` seats (0 when the rule asks none)."""
        if self == QuorumRule.MAJORITY:
            return filled // 2 + 1 if filled else 0
        if self == QuorumRule.ONE_THIRD:
            return math.ceil(filled / 3)
        if self == QuorumRule.TWO_THIRDS:
            return math.ceil(filled * 2 / 3)
        return 0


class Organisation(models.Model):
    """A body that holds seats on the council: a chamber, union, NGO, party, institution, muhtarlık, assembly."""

    class Kind(models.TextChoices):
        CHAMBER = "chamber", _("Professional chamber")
        UNION = "union", _("Trade union")
        NGO = "ngo", _("Association or foundation")
        PARTY = "party", _("Political party")
        PUBLIC = "public", _("Public institution")
        UNIVERSITY = "university", _("University")
        MUHTAR = "muhtar", _("Neighbourhood headman (muhtarlık)")
        ASSEMBLY = "assembly", _("Assembly of the council")
        MUNICIPALITY = "municipality", _("Municipality")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.NGO)
    neighbourhood = models.ForeignKey(
        "places.Neighbourhood",
        verbose_name=_("neighbourhood"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("For a muhtarlık: its neighbourhood."),
    )
    sort_key = models.CharField(max_length=300, editable=False, db_index=True)

    class Meta:
        ordering = ["sort_key"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.sort_key = turkish.sort_key(self.name)
        super().save(*args, **kwargs)


class BodyQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)


class Body(ClusterableModel):
    """One of the council's bodies, with its seats and its rules for meetings."""

    class Kind(models.TextChoices):
        GENERAL_ASSEMBLY = "general_assembly", _("General assembly (Genel Kurul)")
        EXECUTIVE = "executive", _("Executive board (Yürütme Kurulu)")
        ASSEMBLY_BOARD = "assembly_board", _("Assembly board")
        WORKING_GROUP = "working_group", _("Working group")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, allow_unicode=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    assembly = models.ForeignKey(
        "assemblies.AssemblyPage",
        verbose_name=_("assembly"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="council_bodies",
        help_text=_("For an assembly's board or working group: its coordinators record this body's work."),
    )
    topic = models.CharField(_("topic"), max_length=200, blank=True, help_text=_("For a working group."))
    description = models.TextField(_("description"), blank=True)
    notice_days = models.PositiveSmallIntegerField(
        _("days of notice"), default=7, help_text=_("Invitations go out at least this many days before a meeting.")
    )
    quorum_rule = models.CharField(_("quorum"), max_length=12, choices=QuorumRule.choices, default=QuorumRule.MAJORITY)
    reconvened_quorum_rule = models.CharField(
        _("quorum of a reconvened meeting"),
        max_length=12,
        choices=QuorumRule.choices,
        default=QuorumRule.NONE,
        help_text=_("When a meeting had no quorum, the meeting that follows it decides with this rule."),
    )
    is_public = models.BooleanField(_("shown on the site"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=100)

    objects = BodyQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("council body")
        verbose_name_plural = _("council bodies")

    def __str__(self):
        return self.name

    def current_seats(self, day=None):
        return self.seats.current(day)


class SeatQuerySet(models.QuerySet):
    def current(self, day=None):
        """Seats whose term includes `day` (today in Istanbul by default)."""
        day = day or timezone.localdate()
        return self.filter(Q(starts_on__lte=day) | Q(starts_on__isnull=True)).filter(
            Q(ends_on__gte=day) | Q(ends_on__isnull=True)
        )

    def past(self, day=None):
        return self.filter(ends_on__lt=day or timezone.localdate())

    def filled(self):
        return self.exclude(holder_name="")


class Seat(Orderable):
    """A seat on a body for a term: who holds it, for which organisation, and who stands in for them.

    A vacant seat has no holder; it counts neither towards the filled seats nor towards the quorum.
    The same person may hold seats on several bodies; they are invited to each body's meetings.
    """

    class Role(models.TextChoices):
        PRESIDENT = "president", _("President")
        VICE_PRESIDENT = "vice_president", _("Vice-president")
        SECRETARY_GENERAL = "secretary_general", _("Secretary general")
        SPOKESPERSON = "spokesperson", _("Spokesperson")
        MEMBER = "member", _("Member")

    body = ParentalKey(
        Body, verbose_name=pgettext_lazy("council", "body"), on_delete=models.CASCADE, related_name="seats"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="seats",
    )
    holder_name = models.CharField(_("holder"), max_length=200, blank=True, help_text=_("Empty: the seat is vacant."))
    holder_email = models.EmailField(_("holder's e-mail"), blank=True)
    holder_phone = models.CharField(_("holder's phone"), max_length=30, blank=True)
    substitute_name = models.CharField(_("substitute"), max_length=200, blank=True)
    substitute_email = models.EmailField(_("substitute's e-mail"), blank=True)
    substitute_phone = models.CharField(_("substitute's phone"), max_length=30, blank=True)
    starts_on = models.DateField(_("term starts"), null=True, blank=True)
    ends_on = models.DateField(_("term ends"), null=True, blank=True)

    objects = SeatQuerySet.as_manager()

    class Meta(Orderable.Meta):
        verbose_name = _("seat")
        verbose_name_plural = _("seats")
        indexes = [models.Index(fields=["body", "ends_on"])]

    def __str__(self):
        return self.holder_name or str(_("Vacant seat"))

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The term cannot end before it starts.")})

    @property
    def is_filled(self):
        return bool(self.holder_name)


class MeetingQuerySet(models.QuerySet):
    def upcoming(self):
        return self.filter(starts_at__gte=timezone.now(), cancelled_at__isnull=True).order_by("starts_at")

    def with_published_minutes(self):
        return self.filter(minutes_approved_at__isnull=False)


class Meeting(ClusterableModel):
    """A meeting of a body: when and where, its agenda, who came, and once approved its minutes."""

    class Kind(models.TextChoices):
        ORDINARY = "ordinary", _("Ordinary meeting")
        EXTRAORDINARY = "extraordinary", _("Extraordinary meeting")

    body = models.ForeignKey(
        Body, verbose_name=pgettext_lazy("council", "body"), on_delete=models.PROTECT, related_name="meetings"
    )
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices, default=Kind.ORDINARY)
    title = models.CharField(_("title"), max_length=200, blank=True, help_text=_("Defaults to the body and date."))
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True)
    reconvenes = models.ForeignKey(
        "self",
        verbose_name=_("reconvenes the meeting of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reconvened_by",
        help_text=_("When the earlier meeting had no quorum: this meeting follows the body's reconvened rule."),
    )
    event = models.ForeignKey(
        "events.EventPage",
        verbose_name=_("calendar entry"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    invitations_sent_at = models.DateTimeField(_("invitations sent at"), null=True, blank=True, editable=False)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True, editable=False)
    filled_seats = models.PositiveSmallIntegerField(_("filled seats"), null=True, blank=True, editable=False)
    quorum_required = models.PositiveSmallIntegerField(_("quorum needed"), null=True, blank=True, editable=False)
    present_count = models.PositiveSmallIntegerField(_("present"), null=True, blank=True, editable=False)
    quorum_met = models.BooleanField(_("quorum met"), null=True, blank=True, editable=False)
    attendance_closed_at = models.DateTimeField(_("attendance closed at"), null=True, blank=True, editable=False)
    minutes_summary = models.TextField(_("minutes: general notes"), blank=True)
    minutes_approved_at = models.DateTimeField(_("minutes approved at"), null=True, blank=True, editable=False)
    minutes_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("minutes approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [models.Index(fields=["body", "starts_at"])]

    def __str__(self):
        return self.display_title

    @property
    def display_title(self):
        if self.title:
            return self.title
        day = timezone.localtime(self.starts_at).date() if self.starts_at else None
        return f"{self.body.name} — {day:%d.%m.%Y}" if day else self.body.name

    @property
    def quorum_rule(self):
        """The rule this meeting decides by: the body's own, or its reconvened rule after a failed quorum."""
        if self.reconvenes_id:
            return QuorumRule(self.body.reconvened_quorum_rule)
        return QuorumRule(self.body.quorum_rule)

    @property
    def minutes_published(self):
        return self.minutes_approved_at is not None


class AgendaItem(Orderable):
    """One item of a meeting's agenda and, in the minutes, what was said and decided on it."""

    class Outcome(models.TextChoices):
        INFORMED = "informed", _("Information given")
        ADOPTED = "adopted", _("Adopted")
        REJECTED = "rejected", _("Rejected")
        POSTPONED = "postponed", _("Postponed")
        OPINION = "opinion", _("Opinion to the municipality")

    meeting = ParentalKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda_items")
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"), blank=True)
    discussion = models.TextField(_("discussion"), blank=True)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices, blank=True)
    votes_for = models.PositiveSmallIntegerField(_("votes for"), null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(_("votes against"), null=True, blank=True)
    votes_abstaining = models.PositiveSmallIntegerField(_("abstentions"), null=True, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self):
        return self.title

    @property
    def was_voted(self):
        return self.votes_for is not None


class AgendaAttachment(models.Model):
    """A document attached to an agenda item (a report, a draft opinion)."""

    item = models.ForeignKey(
        AgendaItem, verbose_name=_("agenda item"), on_delete=models.CASCADE, related_name="attachments"
    )
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("document"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.document.title


class Attendance(models.Model):
    """Whether a seat's holder (or their substitute) was at a meeting."""

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attendance")
    seat = models.ForeignKey(Seat, verbose_name=_("seat"), on_delete=models.CASCADE, related_name="attendance")
    present = models.BooleanField(_("present"), default=False)
    by_substitute = models.BooleanField(_("the substitute came"), default=False)
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [models.UniqueConstraint(fields=["meeting", "seat"], name="one_attendance_per_seat")]

    def __str__(self):
        return f"{self.meeting} — {self.seat}"


class Topic(models.TextChoices):
    """What an opinion is about, for the public list's filter."""

    ENVIRONMENT = "environment", _("Environment and cleanliness")
    ANIMALS = "animals", _("Animal welfare")
    TRANSPORT = "transport", _("Transport and roads")
    URBAN = "urban", _("Urban planning and housing")
    SOCIAL = "social", _("Social services")
    ACCESSIBILITY = "accessibility", _("Accessibility")
    EDUCATION = "education", _("Education and youth")
    CULTURE = "culture", _("Culture and sport")
    HEALTH = "health", _("Health")
    OTHER = "other", _("Other")


class OpinionQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)


class Opinion(models.Model):
    """An opinion or proposal (görüş ve öneri) the council forms and carries to the municipality.

    Its `status` and `status_on` repeat its latest step so that lists filter and sort without reading the steps.
    """

    class Status(models.TextChoices):
        FORMED = "formed", _("Formed")
        SENT = "sent", _("Sent to the municipality")
        ON_AGENDA = "on_agenda", _("On the municipal council's agenda")
        ACCEPTED = "accepted", _("Accepted")
        COMMISSION = "commission", _("Sent to a commission")
        REJECTED = "rejected", _("Rejected")
        NOTED = "noted", _("Noted")
        IN_PROGRESS = "in_progress", _("Being implemented")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveSmallIntegerField(_("number in the year"))
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("text of the opinion"))
    body = models.ForeignKey(
        Body, verbose_name=pgettext_lazy("council", "body"), on_delete=models.PROTECT, related_name="opinions"
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="opinions",
    )
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices, default=Topic.OTHER)
    neighbourhoods = models.ManyToManyField(
        "places.Neighbourhood", verbose_name=_("neighbourhoods"), blank=True, related_name="+"
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.FORMED, editable=False)
    status_on = models.DateField(_("status since"), null=True, blank=True, editable=False)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0, editable=False)
    is_public = models.BooleanField(_("shown on the site"), default=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    objects = OpinionQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-sequence"]
        verbose_name = _("opinion")
        verbose_name_plural = _("opinions")
        constraints = [models.UniqueConstraint(fields=["year", "sequence"], name="one_opinion_number")]
        indexes = [models.Index(fields=["status", "status_on"])]

    def __str__(self):
        return f"{self.number} {self.title}"

    @property
    def number(self):
        return f"{self.year}/{self.sequence}"

    @property
    def slug(self):
        return f"{self.year}-{self.sequence}"

    @classmethod
    def next_sequence(cls, year):
        last = cls.objects.filter(year=year).aggregate(models.Max("sequence"))["sequence__max"]
        return (last or 0) + 1


class OpinionStep(models.Model):
    """One dated step of an opinion's journey, and who recorded it (see council/opinions.py for the order)."""

    class Kind(models.TextChoices):
        FORMED = "formed", _("Formed by the council")
        SENT = "sent", _("Sent to the municipality")
        ON_AGENDA = "on_agenda", _("On the municipal council's agenda")
        ANSWERED = "answered", _("Answered by the municipal council")
        MILESTONE = "milestone", _("Implementation milestone")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    class Answer(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        COMMISSION = "commission", _("Sent to a commission")
        REJECTED = "rejected", _("Rejected")
        NOTED = "noted", _("Noted")

    class RecordedAs(models.TextChoices):
        SECRETARIAT = "secretariat", _("The council's secretariat")
        COORDINATOR = "coordinator", _("The assembly's coordinators")

    opinion = models.ForeignKey(Opinion, verbose_name=_("opinion"), on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(_("step"), max_length=12, choices=Kind.choices)
    date = models.DateField(_("date"))
    letter_reference = models.CharField(_("letter reference"), max_length=100, blank=True)
    council_meeting_on = models.DateField(_("municipal council meeting"), null=True, blank=True)
    council_item_number = models.CharField(_("agenda item number"), max_length=30, blank=True)
    answer = models.CharField(_("answer"), max_length=12, choices=Answer.choices, blank=True)
    decision_number = models.CharField(_("decision number"), max_length=50, blank=True)
    decision_text = models.TextField(_("decision"), blank=True)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    # The role the step was recorded in, kept with it: the public timeline names the role, never the person,
    # and it stays right after the person leaves the secretariat or their account is deleted.
    recorded_as = models.CharField(_("recorded as"), max_length=12, choices=RecordedAs.choices, blank=True)

    class Meta:
        ordering = ["date", "recorded_at", "pk"]
        verbose_name = _("step")
        verbose_name_plural = _("steps")

    def __str__(self):
        return f"{self.opinion.number}: {self.get_kind_display()}"


class BulletinConsent(models.Model):
    """A member's agreement to receive an assembly's bulletins, dated and kept like the KVKK consents."""

    membership = models.OneToOneField(
        "assemblies.Membership", verbose_name=_("membership"), on_delete=models.CASCADE, related_name="bulletin_consent"
    )

    class Via(models.TextChoices):
        PORTAL = "portal", _("Given by the member on the portal")
        PAPER = "paper", _("Recorded by a coordinator from a signed paper form")

    wording = models.TextField(_("wording agreed to"))
    given_at = models.DateTimeField(_("given at"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    via = models.CharField(_("given by"), max_length=10, choices=Via.choices, default=Via.PORTAL)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("bulletin consent")
        verbose_name_plural = _("bulletin consents")

    def __str__(self):
        return str(self.membership)

    @property
    def active(self):
        return self.withdrawn_at is None


class Bulletin(models.Model):
    """A coordinator's e-mail to their assembly's members who agreed to bulletins, to all or to a segment."""

    class Segment(models.TextChoices):
        ALL = "all", _("All members")
        NEIGHBOURHOOD = "neighbourhood", _("Members in a neighbourhood")
        AGE_GROUP = "age_group", _("Members in an age group")
        COMMISSION = "commission", _("Members of a commission")

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")

    assembly = models.ForeignKey(
        "assemblies.AssemblyPage", verbose_name=_("assembly"), on_delete=models.PROTECT, related_name="bulletins"
    )
    subject = models.CharField(_("subject"), max_length=200)
    text = models.TextField(_("text"))
    segment = models.CharField(_("recipients"), max_length=15, choices=Segment.choices, default=Segment.ALL)
    neighbourhood = models.ForeignKey(
        "places.Neighbourhood",
        verbose_name=_("neighbourhood"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    age_group = models.CharField(_("age group"), max_length=10, blank=True)
    # A commission can be removed from the assembly page after a bulletin went to it: the bulletin stays.
    commission = models.ForeignKey(
        "assemblies.Commission",
        verbose_name=_("commission"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("bulletin")
        verbose_name_plural = _("bulletins")

    def __str__(self):
        return self.subject


def _token():
    return secrets.token_urlsafe(24)


class BulletinRecipient(models.Model):
    """One member's copy of a bulletin: sent, bounced or failed, and whether they unsubscribed from it."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        SENT = "sent", _("Sent")
        BOUNCED = "bounced", _("Bounced")
        FAILED = "failed", _("Failed")

    bulletin = models.ForeignKey(
        Bulletin, verbose_name=_("bulletin"), on_delete=models.CASCADE, related_name="recipients"
    )
    membership = models.ForeignKey(
        "assemblies.Membership",
        verbose_name=_("membership"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Blank once the retention rule has removed the address (council/retention.py); the status stays as a figure.
    email = models.EmailField(_("e-mail"), blank=True)
    token = models.CharField(max_length=64, unique=True, default=_token, editable=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("bulletin recipient")
        verbose_name_plural = _("bulletin recipients")
        constraints = [
            models.UniqueConstraint(fields=["bulletin", "email"], condition=~Q(email=""), name="one_copy_per_address")
        ]
        indexes = [models.Index(fields=["bulletin", "status"])]

    def __str__(self):
        return str(_("Recipient #%(pk)s") % {"pk": self.pk})


class Follow(models.Model):
    """A citizen following an assembly, a body or an opinion, for the weekly digest."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="council_follows")
    assembly = models.ForeignKey(
        "assemblies.AssemblyPage", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    body = models.ForeignKey(Body, null=True, blank=True, on_delete=models.CASCADE, related_name="follows")
    opinion = models.ForeignKey(Opinion, null=True, blank=True, on_delete=models.CASCADE, related_name="follows")
    created_at = models.DateTimeField(_("since"), default=timezone.now)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(assembly__isnull=False, body__isnull=True, opinion__isnull=True)
                    | Q(assembly__isnull=True, body__isnull=False, opinion__isnull=True)
                    | Q(assembly__isnull=True, body__isnull=True, opinion__isnull=False)
                ),
                name="follow_exactly_one_thing",
            ),
            models.UniqueConstraint(
                fields=["user", "assembly"], condition=Q(assembly__isnull=False), name="follow_assembly_once"
            ),
            models.UniqueConstraint(fields=["user", "body"], condition=Q(body__isnull=False), name="follow_body_once"),
            models.UniqueConstraint(
                fields=["user", "opinion"], condition=Q(opinion__isnull=False), name="follow_opinion_once"
            ),
        ]

    def __str__(self):
        return str(self.assembly or self.body or self.opinion)


class FollowDigest(models.Model):
    """A follower's weekly digest: its language, when it was last built (what changed after that is news) and
    the token of its one-click unsubscribe link. One per person who follows anything (council/following.py)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="council_digest"
    )
    language = models.CharField(_("language"), max_length=10, default="tr")
    created_at = models.DateTimeField(_("following since"), default=timezone.now)
    last_built_at = models.DateTimeField(_("last digest built at"), null=True, blank=True)
    token = models.CharField(max_length=64, unique=True, default=_token, editable=False)

    class Meta:
        verbose_name = _("weekly digest")
        verbose_name_plural = _("weekly digests")

    def __str__(self):
        return str(_("Digest #%(pk)s") % {"pk": self.pk})

    @property
    def since(self):
        """Changes after this moment have not been told yet."""
        return self.last_built_at or self.created_at


class CouncilPage(RoutablePageMixin, BasePage):
    """Kurullar ve Görüşler: the council's bodies, meetings and minutes, and where every opinion stands.

    The page's routes are served by the functions in council/public/; records live in the models above,
    so a meeting or an opinion needs no page of its own.
    """

    intro = models.TextField(_("introduction"), blank=True)

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("council's work page")

    @classmethod
    def for_language(cls, language=None):
        """The live council page in `language` (the active one by default), or the default language's."""
        from wagtail.models import Locale

        pages = cls.objects.live()
        try:
            locale = Locale.get_active() if language is None else Locale.objects.get(language_code=language)
            page = pages.filter(locale=locale).first()
        except Locale.DoesNotExist:
            page = None
        return page or pages.filter(locale=Locale.get_default()).first()

    def get_sitemap_urls(self, request=None):
        """The page and its routes: each public body, meeting and opinion, the lists and the open data."""
        from council import sitemap

        return sitemap.urls(self, request)

    @path("")
    def overview(self, request):
        from council.public import bodies

        return bodies.overview(request, self)

    @path("kurul/<slug:slug>/", name="body")
    def body_page(self, request, slug):
        from council.public import bodies

        return bodies.detail(request, self, slug)

    @path("toplantilar/", name="meetings")
    def meetings(self, request):
        from council.public import meetings

        return meetings.index(request, self)

    @path("toplantilar/<int:pk>/", name="meeting")
    def meeting(self, request, pk):
        from council.public import meetings

        return meetings.detail(request, self, pk)

    # No dot in a page's address: Wagtail serves only paths of words and slashes.
    @path("toplantilar/<int:pk>/tutanak-pdf/", name="minutes_pdf")
    def minutes_pdf(self, request, pk):
        from council.public import minutes

        return minutes.pdf(request, self, pk)

    @path("gorusler/", name="opinions")
    def opinions(self, request):
        from council.public import opinions

        return opinions.index(request, self)

    @re_path(r"^gorusler/(?P<year>\d{4})-(?P<sequence>\d+)/$", name="opinion")
    def opinion(self, request, year, sequence):
        from council.public import opinions

        return opinions.detail(request, self, int(year), int(sequence))

    @path("acik-veri/", name="open_data")
    def open_data(self, request):
        from council.public import open_data

        return open_data.index(request, self)
