"""What every spreadsheet import records: its progress, its counts and each problem row, for the status page."""

from django.conf import settings
from django.db import models
from django.db.models import Q
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


def stale_uploads(model, cutoff):
    """Uploads of `model` that still hold people's data and were last touched before `cutoff`.

    Every upload never confirmed (checked and left, failed, or stuck) still holds its file and the
    names in its problem list; a confirmed one lost its file on import but keeps its problem list.
    """
    finished_before = Q(finished_at__lt=cutoff) | Q(finished_at__isnull=True, created_at__lt=cutoff)
    holds_data = ~Q(status=SpreadsheetImport.Status.DONE) | ~Q(problems=[]) | ~Q(file="")
    return model.objects.filter(finished_before, holds_data)


def forget_uploads(model, cutoff, size, locked_batches):
    """Delete the stale uploads never confirmed (row and file); empty the problem lists of the confirmed ones.

    Returns how many uploads were dealt with; each batch of `locked_batches` (accounts.personal_data's, passed in
    by the app's retention rule) in its own transaction.
    """
    done = 0
    for batch in locked_batches(stale_uploads(model, cutoff), ["pk", "status", "file"], size):
        confirmed = [upload.pk for upload in batch if upload.status == SpreadsheetImport.Status.DONE]
        model.objects.filter(pk__in=confirmed).update(problems=[], file="")
        model.objects.filter(pk__in=[upload.pk for upload in batch]).exclude(pk__in=confirmed).delete()
        # Files last, inside the transaction: if a row could not go, its file is still there for the next run.
        for upload in batch:
            if upload.file:
                upload.file.storage.delete(upload.file.name)
        done += len(batch)
    return done
