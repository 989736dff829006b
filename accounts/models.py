from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class Gender(models.TextChoices):
    FEMALE = "female", _("Woman")
    MALE = "male", _("Man")
    UNSTATED = "unstated", _("I prefer not to say")


class User(AbstractUser):
    """A person with an account: citizens and staff alike, who log in by e-mail."""

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
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

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name() or self.email

    def has_perm(self, perm, obj=None):
        """Django's answer, kept on this object for its life (one request): the admin asks the same few model
        permissions hundreds of times a page (each row's actions, each menu item), and each ask went through every
        authentication backend. Django's backends keep the permissions they read on the object all the same."""
        if obj is not None or not self.is_active or self.is_superuser:
            return super().has_perm(perm, obj)
        answers = self.__dict__.setdefault("_has_perm_answers", {})
        if perm not in answers:
            answers[perm] = super().has_perm(perm)
        return answers[perm]


class Consent(models.Model):
    """Proof that a person accepted a KVKK text, and exactly which version of it."""

    # A record, not content: Wagtail's usage index would only add queries to every save.
    wagtail_reference_index_ignore = True

    class Kind(models.TextChoices):
        PRIVACY_NOTICE = "privacy_notice", _("Information notice (aydınlatma metni) read")
        EXPLICIT_CONSENT = "explicit_consent", _("Explicit consent (açık rıza) given")

    # What a person can take back. Reading the information notice is not a consent (KVKK art. 10: the
    # controller's duty to inform), so there is nothing to withdraw.
    WITHDRAWABLE = (Kind.EXPLICIT_CONSENT,)

    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="consents", verbose_name=_("user"))
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    document_title = models.CharField(_("document"), max_length=255)
    document_url = models.CharField(_("document address"), max_length=500, blank=True)
    version = models.CharField(_("version"), max_length=64)
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    given_at = models.DateTimeField(_("given at"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_at"]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.document_title} ({self.version})"


class ConsentProof(models.Model):
    """What is kept of a consent once its account is erased: proof that the text was accepted, and no one's name.

    Kept for `RETENTION_CONSENT_PROOF_DAYS` (ten years by default: the general limitation period of
    the Code of Obligations, art. 146, within which a claim that data was processed without consent
    can still be brought), then deleted (accounts/retention.py).

    Which text (document, address, version and the page revision itself), its kind, when it was given
    and withdrawn, and when the account was erased; no name, e-mail address or link to a user. The
    `subject` is a keyed hash (HMAC-SHA256 under the site's secret key, see `subject_for`) of the
    account's e-mail address rather than a random id: if the person, or the KVKK Board, asks whether
    that address consented, the controller can hash the address and find its records, which a random
    id would make impossible. Being keyed, it cannot be reversed by hashing a list of guessed
    addresses without the key. It is pseudonymised, not anonymous, data: hence the retention period.
    Rotating SECRET_KEY without setting CONSENT_PROOF_KEY to the old key loses the way back.
    """

    wagtail_reference_index_ignore = True

    subject = models.CharField(_("pseudonymised subject"), max_length=64, db_index=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Consent.Kind.choices)
    document_title = models.CharField(_("document"), max_length=255)
    document_url = models.CharField(_("document address"), max_length=500, blank=True)
    version = models.CharField(_("version"), max_length=64)
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    given_at = models.DateTimeField(_("given at"))
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    erased_at = models.DateTimeField(_("account erased at"), default=timezone.now)

    class Meta:
        verbose_name = _("consent proof")
        verbose_name_plural = _("consent proofs")
        ordering = ["-erased_at", "-given_at"]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.document_title} ({self.version})"

    @staticmethod
    def subject_for(email):
        """The keyed hash that stands for an e-mail address in the proofs."""
        from django.conf import settings
        from django.utils.crypto import salted_hmac

        secret = getattr(settings, "CONSENT_PROOF_KEY", None) or settings.SECRET_KEY
        return salted_hmac(
            "accounts.ConsentProof.subject", email.strip().lower(), secret=secret, algorithm="sha256"
        ).hexdigest()

    @classmethod
    def keep_for(cls, user):
        """Copy the proof of each of `user`'s consents, before the account and its consents are deleted."""
        subject = cls.subject_for(user.email)
        return cls.objects.bulk_create(
            cls(
                subject=subject,
                kind=consent.kind,
                document_title=consent.document_title,
                document_url=consent.document_url,
                version=consent.version,
                revision_id=consent.revision_id,
                given_at=consent.given_at,
                withdrawn_at=consent.withdrawn_at,
            )
            for consent in user.consents.all()
        )


@register_setting(icon="lock")
class PrivacySettings(BaseSiteSetting):
    """Which pages hold the KVKK texts that sign-up shows and records consent to."""

    privacy_notice = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("information notice (aydınlatma metni)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    explicit_consent = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("explicit consent text (açık rıza metni)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("privacy_notice"), FieldPanel("explicit_consent")]

    class Meta:
        verbose_name = _("KVKK texts")
