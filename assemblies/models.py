import datetime
import uuid

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from accounts.models import Gender
from assemblies import components
from config.spreadsheet_imports import SpreadsheetImport
from theme import chrome
from theme.models import BasePage

TEXT_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link"]
ADULT_AGE = 18


class AssemblyIndexPage(BasePage):
    """Meclisler: the council's five assemblies."""

    intro = models.TextField(_("introduction"), blank=True)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["assemblies.AssemblyPage"]
    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("assembly index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["assemblies"] = (
            AssemblyPage.objects.child_of(self).live().public().select_related("image").order_by("path")
        )
        return context


class AssemblyPage(RoutablePageMixin, BasePage):
    """One assembly (meclis): who it is for, its board and commissions, and what hangs below it."""

    intro = models.TextField(_("introduction"), blank=True, help_text=_("One or two sentences for listings."))
    purpose = RichTextField(_("purpose"), blank=True, features=TEXT_FEATURES)
    activities = RichTextField(_("activities"), blank=True, features=TEXT_FEATURES)
    image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown at the top of the assembly's page and on its card under Meclisler."),
    )

    # Who may join: checked on the day of the application.
    accepting_members = models.BooleanField(_("accepting new members"), default=True)
    min_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    women_only = models.BooleanField(_("for women only"), default=False)
    requires_district_connection = models.BooleanField(_("members must live, work or study in Ümraniye"), default=True)
    asks_disability = models.BooleanField(
        _("offer a disability declaration"),
        default=False,
        help_text=_("For the disabled people's assembly: applicants may declare a disability (never required)."),
    )
    join_note = models.TextField(
        _("more about joining"), blank=True, help_text=_("Shown under the rules, e.g. when meetings take place.")
    )

    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    contact_address = models.CharField(_("meeting place"), max_length=255, blank=True)

    parent_page_types = ["assemblies.AssemblyIndexPage"]
    # Only what an assembly publishes hangs below it: a coordinator's "add child page" offers these three.
    # Named, not imported: the apps that define them build on this one.
    subpage_types = ["home.NewsPage", "events.EventPage", "surveys.SurveyPage"]
    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("purpose"),
        FieldPanel("activities"),
        FieldPanel("image"),
        MultiFieldPanel(
            [
                FieldPanel("accepting_members"),
                FieldRowPanel([FieldPanel("min_age"), FieldPanel("max_age")]),
                FieldPanel("women_only"),
                FieldPanel("requires_district_connection"),
                FieldPanel("asks_disability"),
                FieldPanel("join_note"),
            ],
            heading=_("Who can join"),
        ),
        InlinePanel("board_members", heading=_("Board"), label=_("Board member")),
        InlinePanel("commissions", heading=_("Commissions and working groups"), label=_("Commission")),
        InlinePanel("documents", heading=_("Documents"), label=_("Document")),
        MultiFieldPanel(
            [FieldPanel("contact_email"), FieldPanel("contact_phone"), FieldPanel("contact_address")],
            heading=_("Contact"),
        ),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("purpose"),
        index.SearchField("activities"),
    ]

    class Meta:
        verbose_name = _("assembly")
        verbose_name_plural = _("assemblies")

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        if self.min_age is not None and self.max_age is not None and self.min_age > self.max_age:
            raise ValidationError({"max_age": _("The maximum age cannot be below the minimum age.")})

    @cached_property
    def canonical(self):
        """The assembly in the default language: memberships and coordinators attach to it."""
        if chrome.language_code(self.locale_id) == settings.LANGUAGE_CODE:
            return self
        return AssemblyPage.objects.get(
            translation_key=self.translation_key, locale__language_code=settings.LANGUAGE_CODE
        )

    def member_count(self):
        """Approved members of the assembly in the default language (`canonical`), counted in one query."""
        return Membership.objects.filter(
            assembly__translation_key=self.translation_key,
            assembly__locale__language_code=settings.LANGUAGE_CODE,
            state=Membership.State.APPROVED,
        ).count()

    def get_context(self, request, *args, **kwargs):
        from assemblies import eligibility

        context = super().get_context(request, *args, **kwargs)
        context["rules"] = eligibility.rules(self)
        context["components"] = components.for_assembly(self, request)
        # The components (calendar, news, surveys) show the same to every visitor: their HTML is kept
        # until a page is published, moved or restricted (the frame's version) or a new day begins,
        # and at most as long as nginx keeps a whole page for anonymous visitors.
        context["components_cache"] = (
            chrome.version(),
            timezone.localdate().isoformat(),
            request.get_host(),  # the feed's subscribe link is absolute
            request.GET.urlencode(),
        )
        context["components_ttl"] = settings.PAGE_CACHE["ttl"]
        # The page's own texts, picture, board and documents change when it is published, their links to other
        # pages when one moves (the version); a preview shows the editor's unpublished changes, so nothing kept.
        context["text_cache"] = (
            uuid.uuid4().hex if getattr(request, "is_preview", False) else (self.live_revision_id, chrome.version())
        )
        context["board"] = self.board_members.select_related("photo")
        context["commission_list"] = self.commissions.all()
        context["document_list"] = self.documents.select_related("document")
        context["member_count"] = self.member_count()
        return context

    @path("katil/", name="join")
    def join(self, request):
        from assemblies.views import join

        return join(request, self)


class BoardMember(Orderable):
    """A seat on an assembly's board; people are named here whether or not they have an account."""

    class Position(models.TextChoices):
        PRESIDENT = "president", _("President")
        VICE_PRESIDENT = "vice_president", _("Vice-president")
        SECRETARY = "secretary", _("Secretary")
        SPOKESPERSON = "spokesperson", _("Spokesperson")
        MEMBER = "member", _("Board member")

    page = ParentalKey(AssemblyPage, on_delete=models.CASCADE, related_name="board_members")
    name = models.CharField(_("name"), max_length=150)
    position = models.CharField(_("position"), max_length=20, choices=Position.choices, default=Position.MEMBER)
    photo = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    panels = [FieldPanel("name"), FieldPanel("position"), FieldPanel("photo")]

    class Meta(Orderable.Meta):
        verbose_name = _("board member")


class Commission(Orderable):
    class Kind(models.TextChoices):
        COMMISSION = "commission", _("Commission")
        WORKING_GROUP = "working_group", _("Working group")

    page = ParentalKey(AssemblyPage, on_delete=models.CASCADE, related_name="commissions")
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.COMMISSION)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("kind"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = _("commission")


class AssemblyDocument(Orderable):
    class Kind(models.TextChoices):
        MINUTES = "minutes", _("Meeting minutes")
        REPORT = "report", _("Report")
        OTHER = "other", _("Other")

    page = ParentalKey(AssemblyPage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=200, blank=True, help_text=_("Defaults to the document's title."))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.MINUTES)
    date = models.DateField(_("date"), null=True, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title"), FieldPanel("kind"), FieldPanel("date")]

    class Meta(Orderable.Meta):
        verbose_name = _("document")

    def display_title(self):
        return self.title or self.document.title


class CoordinatorGroup(models.Model):
    """The Wagtail group whose members coordinate one assembly.

    Kept apart from the page: a page field would be overwritten whenever an older
    revision of the page is published.
    """

    assembly = models.OneToOneField(AssemblyPage, on_delete=models.CASCADE, related_name="coordinator_group")
    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="coordinated_assembly")

    class Meta:
        verbose_name = _("coordinator group")

    def __str__(self):
        return self.group.name


AGE_GROUPS = [
    ("0-17", _("Under 18"), 0, 17),
    ("18-29", _("18–29"), 18, 29),
    ("30-44", _("30–44"), 30, 44),
    ("45-59", _("45–59"), 45, 59),
    ("60+", _("60 and over"), 60, None),
]


def age_group_key(age):
    """The AGE_GROUPS key an age falls in ("" when unknown)."""
    if age is None:
        return ""
    for key, _label, low, high in AGE_GROUPS:
        if age >= low and (high is None or age <= high):
            return key
    return ""


def age_on(birth_date, day):
    """Completed years on `day`: the age goes up on the birthday itself (29 February: on 1 March)."""
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def birth_date_range(min_age, max_age, day):
    """The birth dates of people aged min_age..max_age (inclusive) on `day`, as (earliest, latest)."""
    latest = _years_before(day, min_age) if min_age is not None else None
    earliest = _years_before(day, max_age + 1) + datetime.timedelta(days=1) if max_age is not None else None
    return earliest, latest


def _years_before(day, years):
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year - years, day=28)


class MembershipQuerySet(models.QuerySet):
    def visible_to(self, user):
        """What a person may see in the admin: everything for council administrators, else their assemblies."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.has_perm("assemblies.view_all_memberships"):
            return self
        from assemblies.coordinators import coordinated_assembly_list

        # The coordinated assemblies are kept per person until their groups change: a list of ids, not a join.
        return self.filter(assembly_id__in=[assembly.pk for assembly in coordinated_assembly_list(user)])

    def approved(self):
        return self.filter(state=Membership.State.APPROVED)

    def has_member(self, assembly, user):
        """Whether `user` is an approved member of `assembly` (in any language; None means no assembly)."""
        if assembly is None or not user.is_authenticated:
            return False
        return self.approved().filter(assembly_id=assembly.canonical.pk, user=user).exists()

    def in_age_group(self, key, day=None):
        day = day or timezone.localdate()
        for group_key, _label, low, high in AGE_GROUPS:
            if group_key == key:
                earliest, latest = birth_date_range(low, high, day)
                condition = Q(birth_date__isnull=False)
                if earliest:
                    condition &= Q(birth_date__gte=earliest)
                if latest:
                    condition &= Q(birth_date__lte=latest)
                return self.filter(condition)
        return self.none()


class GuardianConsent(models.TextChoices):
    """How a parent or guardian's consent to a child's membership reached the council."""

    EMAIL = "email", _("Confirmed by the guardian through the e-mailed link")
    PAPER = "paper", _("Recorded by a coordinator from a signed paper form")
    APPLICANT = "applicant", _("Ticked by the applicant (before guardians confirmed by e-mail)")


class Membership(models.Model):
    """A person's place in an assembly, from the application to leaving it.

    The person's details are copied here when they apply (or come from an
    imported paper roster, where there may be no account at all), so a roster
    lists and exports without touching the accounts.
    """

    # A record, not content: Wagtail's usage index would only add queries to every save.
    wagtail_reference_index_ignore = True

    class State(models.TextChoices):
        APPLIED = "applied", _("Applied")
        APPROVED = "approved", _("Member")
        REJECTED = "rejected", _("Rejected")
        LEFT = "left", _("Left")
        SUSPENDED = "suspended", _("Suspended")

    class Connection(models.TextChoices):
        LIVES = "lives", _("I live in Ümraniye")
        WORKS = "works", _("I work in Ümraniye")
        STUDIES = "studies", _("I study in Ümraniye")
        NONE = "none", _("None of these")

    class Need(models.TextChoices):
        WHEELCHAIR = "wheelchair", _("Wheelchair access")
        SIGN_LANGUAGE = "sign_language", _("Sign-language interpreter")
        EASY_READ = "easy_read", _("Easy-read material")
        COMPANION = "companion", _("A companion")
        OTHER = "other", _("Other")

    class Source(models.TextChoices):
        PORTAL = "portal", _("Application on the portal")
        IMPORT = "import", _("Imported roster")

    assembly = models.ForeignKey(
        AssemblyPage, verbose_name=_("assembly"), on_delete=models.PROTECT, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="memberships"
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.APPLIED)
    state_reason = models.TextField(_("reason"), blank=True)
    applied_at = models.DateTimeField(_("applied at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.PORTAL)
    language = models.CharField(max_length=10, default="tr", editable=False)

    full_name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    phone_digits = models.CharField(max_length=20, blank=True, editable=False)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    neighbourhood = models.ForeignKey(
        "places.Neighbourhood",
        verbose_name=_("neighbourhood"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    connection = models.CharField(_("connection to Ümraniye"), max_length=10, choices=Connection.choices, blank=True)
    workplace_or_school = models.CharField(_("workplace or school"), max_length=200, blank=True)
    commissions = models.ManyToManyField(
        Commission,
        verbose_name=_("commissions"),
        blank=True,
        related_name="members",
        help_text=_("The assembly's commissions and working groups the member takes part in."),
    )

    guardian_name = models.CharField(_("parent or guardian"), max_length=200, blank=True)
    guardian_relationship = models.CharField(_("relationship"), max_length=100, blank=True)
    guardian_phone = models.CharField(_("parent or guardian's phone"), max_length=30, blank=True)
    guardian_email = models.EmailField(
        _("parent or guardian's e-mail"), blank=True, help_text=_("The confirmation link is sent here.")
    )
    guardian_consent_at = models.DateTimeField(_("guardian consent given at"), null=True, blank=True)
    guardian_consent_via = models.CharField(
        _("guardian consent given by"), max_length=10, choices=GuardianConsent.choices, blank=True
    )
    guardian_consent_note = models.TextField(_("note on the guardian's consent"), blank=True)
    guardian_consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("guardian consent recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    guardian_asked_at = models.DateTimeField(_("guardian e-mailed at"), null=True, blank=True)

    disability_declared = models.BooleanField(_("disability declared"), default=False)
    disability_note = models.CharField(_("about the disability"), max_length=300, blank=True)
    accessibility_needs = models.JSONField(_("accessibility needs"), default=list, blank=True)
    accessibility_other = models.CharField(_("other needs"), max_length=300, blank=True)
    note = models.TextField(_("note from the applicant"), blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["-applied_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assembly", "user"], condition=Q(user__isnull=False), name="one_membership_per_person"
            ),
            models.UniqueConstraint(
                fields=["assembly", "email"], condition=~Q(email=""), name="one_membership_per_email"
            ),
        ]
        indexes = [
            models.Index(fields=["assembly", "state"]),
            models.Index(fields=["assembly", "phone_digits"]),
        ]
        permissions = [("view_all_memberships", "Can see the memberships of every assembly")]

    def __str__(self):
        # Wagtail names an object by its str() on pages anyone on the staff may reach (bulk actions,
        # history, usage): a number, not the person; the listings show the name to who may see it.
        return str(_("Membership #%(pk)s (%(assembly)s)") % {"pk": self.pk, "assembly": self.assembly})

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        self.phone_digits = normalise_phone(self.phone)
        super().save(*args, **kwargs)

    @property
    def age(self):
        return age_on(self.birth_date, timezone.localdate()) if self.birth_date else None

    @property
    def is_minor(self):
        return self.age is not None and self.age < ADULT_AGE

    @property
    def awaits_guardian(self):
        """An under-18 application that a parent or guardian has not yet confirmed: it cannot be approved."""
        return self.is_minor and self.guardian_consent_at is None

    def get_accessibility_needs_display(self):
        labels = dict(self.Need.choices)
        return [str(labels.get(need, need)) for need in self.accessibility_needs]


class MembershipEvent(models.Model):
    """One step in a membership's life: who moved it from which state to which, and why."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_state = models.CharField(max_length=10, choices=Membership.State.choices, blank=True)
    to_state = models.CharField(max_length=10, choices=Membership.State.choices)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.membership_id}: {self.from_state or '-'} → {self.to_state}"


class DataErasure(models.Model):
    """That a person's membership data was erased, by whom and when; it keeps nothing about the person."""

    class Via(models.TextChoices):
        LINK = "link", _("By the person, through the e-mailed link")
        COORDINATOR = "coordinator", _("By a coordinator, at the person's request")
        ACCOUNT = "account", _("With the person's account")

    at = models.DateTimeField(_("erased at"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("erased by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assembly = models.ForeignKey(
        AssemblyPage, verbose_name=_("assembly"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    via = models.CharField(_("how"), max_length=12, choices=Via.choices)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("erased membership")
        verbose_name_plural = _("erased memberships")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.assembly} – {self.at:%Y-%m-%d}"


def normalise_phone(phone):
    """The digits of a Turkish phone number without the country code or trunk 0: 5321234567."""
    digits = "".join(ch for ch in phone or "" if ch.isdigit())
    if digits.startswith("90") and len(digits) == 12:
        digits = digits[2:]
    return digits.lstrip("0")


def private_storage():
    """Where uploaded rosters wait to be imported: never served to the web."""
    from django.core.files.storage import storages

    return storages["private"]


class RosterImport(SpreadsheetImport):
    """One upload of a paper roster: checked first (dry run), imported when a coordinator confirms."""

    assembly = models.ForeignKey(AssemblyPage, verbose_name=_("assembly"), on_delete=models.PROTECT, related_name="+")
    file = models.FileField(upload_to="roster-imports/", storage=private_storage, blank=True)

    class Meta(SpreadsheetImport.Meta):
        verbose_name = _("roster import")

    def __str__(self):
        return f"{self.original_name} ({self.assembly})"
