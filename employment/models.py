"""İstihdam Merkezi's records: occupations, CVs, firms, vacancies, referrals and placements.

Who sees a CV is the heart of it: the centre's staff, the person, and an employer only through a referral the
person agreed to (`Referral.Status.AGREED`). Every query an employer runs goes through
`Referral.objects.visible_to_firm(firm)`; nothing else hands a CV to an employer.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from places import turkish


def private_storage():
    from django.core.files.storage import storages

    return storages["private"]


class Occupation(models.Model):
    """An occupation of ISCO-08 (Uluslararası Standart Meslek Sınıflaması) with its official Turkish name.

    Codes of 1 (major group), 2 (sub-major), 3 (minor) and 4 digits (unit group) are ISCO-08's; staff may add
    national six-digit occupations under a unit group as "7112.01" (the Turkish occupational code's form).
    """

    class Level(models.IntegerChoices):
        MAJOR = 1, _("Major group")
        SUB_MAJOR = 2, _("Sub-major group")
        MINOR = 3, _("Minor group")
        UNIT = 4, _("Unit group")
        OCCUPATION = 6, _("Occupation")

    code = models.CharField(_("code"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=255)
    name_en = models.CharField(_("name in English"), max_length=255, blank=True)
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices, editable=False)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent group"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    added_by_staff = models.BooleanField(_("added by the centre"), default=False)
    sort_key = models.CharField(max_length=300, editable=False, db_index=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("occupation")
        verbose_name_plural = _("occupations")

    def __str__(self):
        return f"{self.code} {self.name}"

    def save(self, *args, **kwargs):
        self.level = self.level_of(self.code)
        self.sort_key = turkish.sort_key(self.name)
        super().save(*args, **kwargs)

    @staticmethod
    def level_of(code):
        digits = code.replace(".", "")
        return Occupation.Level.OCCUPATION if len(digits) > 4 else len(digits)

    def clean(self):
        digits = self.code.replace(".", "")
        if not digits.isdigit() or len(digits) not in (1, 2, 3, 4, 6):
            raise ValidationError(
                {"code": _("Write an ISCO-08 code of 1 to 4 digits, or a unit group and two digits (7112.01).")}
            )

    @property
    def unit_code(self):
        """The four-digit unit group this occupation is (or belongs to); '' above unit level."""
        digits = self.code.replace(".", "")
        return digits[:4] if len(digits) >= 4 else ""


class WorkType(models.TextChoices):
    FULL_TIME = "full_time", _("Full-time")
    PART_TIME = "part_time", _("Part-time")
    SHIFT = "shift", _("Shift work")


class CVQuerySet(models.QuerySet):
    def searchable(self):
        """CVs the centre may match and refer: shown by their owner, consenting, not anonymised."""
        return self.filter(hidden=False, anonymised_at__isnull=True, processing_consent_at__isnull=False)


class CV(models.Model):
    """A job seeker's CV. One per account; visible to the centre's staff and to employers only by referral."""

    class DrivingLicence(models.TextChoices):
        NONE = "", _("None")
        B = "B", "B"
        C = "C", "C"
        CE = "CE", "CE"
        D = "D", "D"
        A = "A", "A"

    class Quota(models.TextChoices):
        """Labour Law 4857 art. 30: firms with 50 or more staff employ 3% disabled people. Declared only if the
        person chooses to (special category data, KVKK art. 6)."""

        NOT_DECLARED = "", _("I prefer not to say")
        ELIGIBLE = "eligible", _("I have a disability report of at least 40% and want quota vacancies")
        NOT_ELIGIBLE = "not_eligible", _("I am not covered by the disability quota")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("job seeker"), null=True, on_delete=models.SET_NULL, related_name="cv"
    )
    # The person's name and contact as the CV shows them (kept here, so an anonymised CV loses them with the account).
    full_name = models.CharField(_("full name"), max_length=150)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("mobile phone"), max_length=20, blank=True)
    birth_year = models.PositiveSmallIntegerField(
        _("year of birth"), null=True, blank=True, validators=[MinValueValidator(1930), MaxValueValidator(2015)]
    )
    neighbourhood = models.ForeignKey(
        "places.Neighbourhood",
        verbose_name=_("neighbourhood (mahalle)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    summary = models.TextField(_("about me"), blank=True)
    occupations = models.ManyToManyField(
        Occupation, verbose_name=_("occupations sought"), blank=True, related_name="seekers"
    )
    skills = models.TextField(_("skills"), blank=True, help_text=_("One per line or separated by commas."))
    driving_licence = models.CharField(
        _("driving licence"), max_length=5, choices=DrivingLicence.choices, blank=True, default=""
    )
    work_types = models.JSONField(_("work types wanted"), default=list, blank=True)
    available_from = models.DateField(_("available from"), null=True, blank=True)
    disability_quota = models.CharField(
        _("disability quota"), max_length=20, choices=Quota.choices, blank=True, default=""
    )
    file = models.FileField(_("CV file"), upload_to="employment/cv/", storage=private_storage, blank=True)
    hidden = models.BooleanField(_("hidden by its owner"), default=False)
    processing_consent_at = models.DateTimeField(_("consent to processing given at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("last updated"), default=timezone.now)
    reminded_at = models.DateTimeField(_("reminded before anonymisation"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)

    objects = CVQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("CV")
        verbose_name_plural = _("CVs")
        indexes = [models.Index(fields=["created_at"]), models.Index(fields=["updated_at"])]

    def __str__(self):
        return self.full_name or str(_("Anonymised CV"))

    def touch(self):
        self.updated_at = timezone.now()
        self.reminded_at = None

    @property
    def skill_list(self):
        import re

        return [skill.strip() for skill in re.split(r"[,\n]", self.skills) if skill.strip()]


class Education(models.Model):
    class Level(models.TextChoices):
        PRIMARY = "primary", _("Primary school")
        MIDDLE = "middle", _("Middle school")
        HIGH = "high", _("High school")
        VOCATIONAL = "vocational", _("Vocational high school")
        ASSOCIATE = "associate", _("Associate degree (ön lisans)")
        BACHELOR = "bachelor", _("Bachelor's degree (lisans)")
        MASTER = "master", _("Master's degree")
        DOCTORATE = "doctorate", _("Doctorate")

    cv = models.ForeignKey(CV, on_delete=models.CASCADE, related_name="education")
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    school = models.CharField(_("school"), max_length=200, blank=True)
    field = models.CharField(_("field of study"), max_length=200, blank=True)
    graduated = models.PositiveSmallIntegerField(_("year of graduation"), null=True, blank=True)

    class Meta:
        ordering = ["-graduated", "pk"]
        verbose_name = _("education")
        verbose_name_plural = _("education")

    def __str__(self):
        return f"{self.get_level_display()} {self.school}".strip()


class Experience(models.Model):
    cv = models.ForeignKey(CV, on_delete=models.CASCADE, related_name="experience")
    employer = models.CharField(_("employer"), max_length=200)
    position = models.CharField(_("position"), max_length=200)
    occupation = models.ForeignKey(
        Occupation, verbose_name=_("occupation"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    years = models.DecimalField(
        _("years"), max_digits=4, decimal_places=1, validators=[MinValueValidator(0), MaxValueValidator(60)]
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("experience")
        verbose_name_plural = _("experience")

    def __str__(self):
        return f"{self.position}, {self.employer}"


class Language(models.Model):
    class Level(models.TextChoices):
        BASIC = "basic", _("Basic")
        INTERMEDIATE = "intermediate", _("Intermediate")
        ADVANCED = "advanced", _("Advanced")
        NATIVE = "native", _("Native")

    cv = models.ForeignKey(CV, on_delete=models.CASCADE, related_name="languages")
    language = models.CharField(_("language"), max_length=60)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")

    def __str__(self):
        return f"{self.language} ({self.get_level_display()})"


class EmploymentConsent(models.Model):
    """A job seeker's explicit consent (açık rıza), dated, with the wording agreed to; withdrawable.

    PROCESSING lets the centre keep and match the CV; SHARING lets it ask the person about referrals to employers.
    Each referral still needs the person's own agreement to that one employer.
    """

    class Purpose(models.TextChoices):
        PROCESSING = "processing", _("Processing my CV at the employment centre")
        SHARING = "sharing", _("Sharing my CV with employers I agree to, one referral at a time")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="employment_consents"
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    wording = models.TextField(_("wording agreed to"))
    given_at = models.DateTimeField(_("given at"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        ordering = ["-given_at"]
        verbose_name = _("employment consent")
        verbose_name_plural = _("employment consents")

    def __str__(self):
        return self.get_purpose_display()


class FirmQuerySet(models.QuerySet):
    def verified(self):
        return self.filter(verified_at__isnull=False)

    def registered(self):
        """Firms the centre works with: not the report's archive rows (load_employment_volumes), which are
        kept for the yearly figures only and, unlike every registered firm, have no contact."""
        return self.exclude(contact_email="")

    def of_user(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(members__user=user)


class Firm(models.Model):
    """An employer registered with the centre; its vacancies go public only once staff verified it."""

    name = models.CharField(_("firm name"), max_length=200)
    tax_number = models.CharField(_("tax number (vergi kimlik no)"), max_length=10, unique=True)
    tax_office = models.CharField(_("tax office"), max_length=100, blank=True)
    sector = models.CharField(_("sector"), max_length=150)
    staff_count = models.PositiveIntegerField(_("number of employees"), null=True, blank=True)
    neighbourhood = models.ForeignKey(
        "places.Neighbourhood",
        verbose_name=_("neighbourhood (mahalle)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    street = models.CharField(_("avenue or street (cadde/sokak)"), max_length=150, blank=True)
    building_no = models.CharField(_("building number (dış kapı no)"), max_length=20, blank=True)
    door_no = models.CharField(_("door number (iç kapı no)"), max_length=20, blank=True)
    district = models.CharField(_("district (ilçe)"), max_length=60, default="Ümraniye")
    city = models.CharField(_("province (il)"), max_length=60, default="İstanbul")
    contact_name = models.CharField(_("contact person"), max_length=150)
    contact_phone = models.CharField(_("contact phone"), max_length=20)
    contact_email = models.EmailField(_("contact e-mail"))
    created_at = models.DateTimeField(_("registered"), default=timezone.now, editable=False)
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sort_key = models.CharField(max_length=300, editable=False, db_index=True)

    objects = FirmQuerySet.as_manager()

    class Meta:
        ordering = ["sort_key"]
        verbose_name = _("firm")
        verbose_name_plural = _("firms")
        indexes = [models.Index(fields=["created_at"])]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.sort_key = turkish.sort_key(self.name)
        super().save(*args, **kwargs)

    @property
    def verified(self):
        return self.verified_at is not None


class FirmMember(models.Model):
    """A user who acts for a firm: sees its vacancies and the candidates referred to it, nothing else."""

    firm = models.ForeignKey(Firm, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="firm_memberships")
    added_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["firm", "user"], name="employment_firm_member_unique")]
        verbose_name = _("firm user")
        verbose_name_plural = _("firm users")

    def __str__(self):
        return f"{self.user} – {self.firm}"


class VacancyQuerySet(models.QuerySet):
    def public(self, today=None):
        today = today or timezone.localdate()
        return self.filter(status=Vacancy.Status.PUBLISHED, firm__verified_at__isnull=False, closing_date__gte=today)


class Vacancy(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("vacancy", "Draft")
        PUBLISHED = "published", pgettext_lazy("vacancy", "Published")
        CLOSED = "closed", pgettext_lazy("vacancy", "Closed")

    firm = models.ForeignKey(Firm, verbose_name=_("firm"), on_delete=models.CASCADE, related_name="vacancies")
    title = models.CharField(_("title"), max_length=200)
    occupation = models.ForeignKey(
        Occupation, verbose_name=_("occupation"), on_delete=models.PROTECT, related_name="vacancies"
    )
    positions = models.PositiveSmallIntegerField(_("number of positions"), default=1, validators=[MinValueValidator(1)])
    requirements = models.TextField(_("requirements"), blank=True)
    skills = models.TextField(_("skills wanted"), blank=True, help_text=_("One per line or separated by commas."))
    work_type = models.CharField(_("work type"), max_length=20, choices=WorkType.choices)
    wage_min = models.PositiveIntegerField(_("monthly wage from (TL)"), null=True, blank=True)
    wage_max = models.PositiveIntegerField(_("monthly wage up to (TL)"), null=True, blank=True)
    neighbourhood = models.ForeignKey(
        "places.Neighbourhood",
        verbose_name=_("workplace neighbourhood"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    closing_date = models.DateField(_("closing date"))
    disability_quota = models.BooleanField(_("reserved for the disability quota"), default=False)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    published_at = models.DateTimeField(_("posted"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = VacancyQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("vacancy")
        verbose_name_plural = _("vacancies")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(wage_min__isnull=True)
                | models.Q(wage_max__isnull=True)
                | models.Q(wage_min__lte=models.F("wage_max")),
                name="employment_vacancy_wage_range",
            )
        ]

    def __str__(self):
        return f"{self.title} – {self.firm}"

    @property
    def skill_list(self):
        import re

        return [skill.strip() for skill in re.split(r"[,\n]", self.skills) if skill.strip()]


def new_token():
    return get_random_string(32)


class ReferralQuerySet(models.QuerySet):
    def visible_to_firm(self, firm):
        """The only way an employer reaches a CV: referrals to its own vacancies that the person agreed to."""
        return self.filter(vacancy__firm=firm, status=Referral.Status.AGREED)

    def referred(self):
        return self.filter(agreed_at__isnull=False)


class Referral(models.Model):
    """A CV put forward for one vacancy (yönlendirme).

    Either the person applied (APPLIED: agreement to that employer given with the application; the centre screens
    it and refers it) or the centre proposed them (ASKED: an e-mail/SMS link asks them to agree). Only AGREED
    referrals reach the employer; the yearly figures count referrals by `agreed_at`.
    """

    class Origin(models.TextChoices):
        APPLICATION = "application", _("Applied on the portal")
        CENTRE = "centre", _("Proposed by the centre")

    class Status(models.TextChoices):
        APPLIED = "applied", _("Applied, awaiting the centre")
        ASKED = "asked", _("Asked, awaiting the candidate's agreement")
        AGREED = "agreed", _("Referred to the employer")
        DECLINED = "declined", _("Declined by the candidate")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Outcome(models.TextChoices):
        PENDING = "", _("Awaiting the employer")
        INTERVIEWED = "interviewed", _("Interviewed")
        HIRED = "hired", _("Hired")
        NOT_HIRED = "not_hired", _("Not hired")

    vacancy = models.ForeignKey(Vacancy, verbose_name=_("vacancy"), on_delete=models.CASCADE, related_name="referrals")
    cv = models.ForeignKey(CV, verbose_name=_("CV"), on_delete=models.CASCADE, related_name="referrals")
    origin = models.CharField(_("origin"), max_length=20, choices=Origin.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    token = models.CharField(max_length=32, default=new_token, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    asked_at = models.DateTimeField(_("candidate asked"), null=True, blank=True)
    agreed_at = models.DateTimeField(_("referred"), null=True, blank=True)
    declined_at = models.DateTimeField(_("declined"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawal_reason = models.CharField(_("reason for withdrawing"), max_length=300, blank=True)
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("referred by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rank_reasons = models.JSONField(_("why this candidate"), default=list, blank=True)
    outcome = models.CharField(_("employer's answer"), max_length=20, choices=Outcome.choices, blank=True, default="")
    outcome_reason = models.CharField(_("reason"), max_length=300, blank=True)
    outcome_at = models.DateTimeField(_("answered"), null=True, blank=True)
    outcome_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        constraints = [models.UniqueConstraint(fields=["vacancy", "cv"], name="employment_referral_once_per_vacancy")]
        indexes = [models.Index(fields=["agreed_at"])]

    def __str__(self):
        return f"{self.cv} → {self.vacancy}"


class Placement(models.Model):
    """A person employed (istihdam edilen), from the employer's answer or a staff phone call; followed up at 30/90 days."""

    class Source(models.TextChoices):
        EMPLOYER = "employer", _("The employer's answer on the portal")
        PHONE = "phone", _("A phone call by the centre")

    cv = models.ForeignKey(CV, verbose_name=_("CV"), on_delete=models.CASCADE, related_name="placements")
    firm = models.ForeignKey(Firm, verbose_name=_("firm"), on_delete=models.PROTECT, related_name="placements")
    referral = models.OneToOneField(
        Referral, verbose_name=_("referral"), null=True, blank=True, on_delete=models.SET_NULL, related_name="placement"
    )
    started_on = models.DateField(_("started on"))
    source = models.CharField(_("recorded from"), max_length=20, choices=Source.choices)
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    follow_up_30_sent_at = models.DateTimeField(_("30-day follow-up sent"), null=True, blank=True)
    employed_at_30 = models.BooleanField(_("still employed after 30 days"), null=True, blank=True)
    follow_up_90_sent_at = models.DateTimeField(_("90-day follow-up sent"), null=True, blank=True)
    employed_at_90 = models.BooleanField(_("still employed after 90 days"), null=True, blank=True)

    class Meta:
        ordering = ["-started_on"]
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        indexes = [models.Index(fields=["started_on"])]

    def __str__(self):
        return f"{self.cv} – {self.firm}"
