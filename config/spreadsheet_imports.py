"""What every spreadsheet import records: its progress, its counts and each problem row, for the status page."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SpreadsheetImport(models.Model):
    """One uploaded spreadsheet: checked first (a dry run), imported when someone confirms.

    Subclasses add the file (in their private storage) and what the rows belong to.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to be checked")
        CHECKING = "checking", _("Being checked")
        CHECKED = "checked", _("Checked: waiting for your confirmation")
        IMPORTING = "importing", _("Being imported")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Failed")

    original_name = models.CharField(_("file"), max_length=255)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    new_count = models.PositiveIntegerField(default=0)
    duplicate_count = models.PositiveIntegerField(default=0)
    error_count = models.PositiveIntegerField(default=0)
    imported_count = models.PositiveIntegerField(default=0)
    problems = models.JSONField(default=list, blank=True)  # [{"line", "name", "kind", "reason"}]
    failure = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    @property
    def percent(self):
        return round(100 * self.processed_rows / self.total_rows) if self.total_rows else 0

    @property
    def running(self):
        return self.status in {self.Status.QUEUED, self.Status.CHECKING, self.Status.IMPORTING}
