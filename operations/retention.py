"""Retention of personal data (KVKK, Law 6698 art. 7): what has served its purpose is deleted or anonymised.

Each app registers its own rules (accounts/personal_data.py `RetentionRule`, in its AppConfig.ready());
this module only runs them all, nightly through the task queue or by `manage.py apply_retention`.
Each rule works through its records in batches of `RETENTION_BATCH_SIZE`, each batch in its own
transaction with its rows locked (rows another worker holds are skipped and taken next time), so
memory stays bounded on any number of records and a second run finds nothing left to do.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone

from accounts import personal_data

DEFAULT_BATCH_SIZE = 500
# At night, away from the call centre's working hours.
RUN_AT = datetime.time(3, 0)


def batch_size():
    return max(1, int(getattr(settings, "RETENTION_BATCH_SIZE", DEFAULT_BATCH_SIZE)))


@dataclass
class Report:
    """What a retention run deleted or anonymised (or, in a dry run, would)."""

    dry_run: bool
    now: datetime.datetime
    cutoffs: dict = field(default_factory=dict)  # rule name -> its cutoff
    counts: dict = field(default_factory=dict)  # rule name or detail figure -> number of records
    oldest: dict = field(default_factory=dict)  # rule name -> the earliest end of use among its due records

    def as_dict(self):
        """JSON-ready, for the task's result."""
        return {
            "dry_run": self.dry_run,
            "cutoffs": {name: cutoff.isoformat() for name, cutoff in self.cutoffs.items()},
            "counts": dict(self.counts),
            "oldest": {name: value.isoformat() if value else None for name, value in self.oldest.items()},
        }

    @property
    def total(self):
        """How many records the rules themselves took (not their details)."""
        return sum(self.counts.get(rule.name, 0) for rule in personal_data.retention_rules())


def apply(dry_run=False, now=None):
    """Run every registered rule (or, with `dry_run`, only count what each would take); returns a Report."""
    now = now or timezone.now()
    report = Report(dry_run=dry_run, now=now)
    size = batch_size()
    for rule in personal_data.retention_rules():
        cutoff = rule.cutoff(now)
        report.cutoffs[rule.name] = cutoff
        if rule.oldest:
            report.oldest[rule.name] = rule.oldest(cutoff)
        if dry_run:
            report.counts[rule.name] = rule.due(cutoff).count()
            if rule.details:
                report.counts.update(rule.details(cutoff))
        else:
            counts = rule.apply(cutoff, now, size)
            report.counts[rule.name] = 0
            report.counts.update(counts)
    return report


def next_run(now=None):
    """The next RUN_AT, local time, strictly after `now`."""
    local = timezone.localtime(now or timezone.now())
    run = local.replace(hour=RUN_AT.hour, minute=RUN_AT.minute, second=0, microsecond=0)
    if run <= local:
        run += datetime.timedelta(days=1)
    return run


def schedule_daily(now=None):
    """Book the next nightly retention run in the task queue, unless the queue cannot defer or one is waiting."""
    from django_tasks_db.models import DBTaskResult

    from operations.tasks import apply_retention

    if not apply_retention.get_backend().supports_defer:
        return None
    if DBTaskResult.objects.filter(task_path=apply_retention.module_path, status="READY").exists():
        return None
    return apply_retention.using(run_after=next_run(now)).enqueue()
