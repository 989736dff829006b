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


class Consent(models.Model):
    """Proof that a person accepted a KVKK text, and exactly which version of it."""

    # A record, not content: Wagtail's usage index would only add queries to every save.
    wagtail_reference_index_ignore = True

    class Kind(models.TextChoices):
        PRIVACY_NOTICE = "privacy_notice", _("Information notice (aydınlatma metni) read")
        EXPLICIT_CONSENT = "explicit_consent", _("Explicit consent (açık rıza) given")

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
