"""Retention of job seekers' CVs (KVKK, Law 6698 art. 7): registered in EmploymentConfig.ready() via seekers.connect().

A CV serves while its owner looks for work. One untouched (not saved, kept, hidden or shown, no file changed) for
`EMPLOYMENT_CV_STALE_DAYS` (730) gets a reminder e-mail with a one-click "CV'mi koru" link; one still untouched
`EMPLOYMENT_CV_REMINDER_DAYS` (30) after the reminder is anonymised (seekers.anonymise): name, contact, free texts,
school and employer names, a declared disability and the file go; occupations, mahalle, levels and dates stay,
so the centre's yearly figures still count it. Keeping or saving the CV clears the reminder.

The reminder rule marks CVs reminded now, which the anonymising rule (reminded before now less its period) never
takes in the same run, so a dry run's counts are the run's.
"""

from accounts import personal_data
from employment import seekers
from employment.models import CV


def due_reminders(cutoff):
    return CV.objects.filter(updated_at__lt=cutoff, reminded_at__isnull=True, anonymised_at__isnull=True)


def send_reminders(cutoff, now, size):
    reminded = 0
    for batch in personal_data.locked_batches(
        due_reminders(cutoff), ["pk", "user", "email", "full_name", "updated_at"], size
    ):
        for cv in batch:
            seekers.remind(cv, now)
        reminded += len(batch)
    return {"stale_cv_reminders": reminded}


def due_anonymisations(cutoff):
    return CV.objects.filter(reminded_at__lt=cutoff, anonymised_at__isnull=True)


def anonymise_stale(cutoff, now, size):
    done = 0
    for batch in personal_data.locked_batches(due_anonymisations(cutoff), ["pk", "file"], size):
        for cv in batch:
            seekers.anonymise(cv, now=now)
        done += len(batch)
    return {"stale_cvs": done}


RULES = [
    personal_data.RetentionRule(
        name="stale_cv_reminders",
        app="employment",
        what="CVs untouched since the period began: a reminder e-mail with a link to keep the CV",
        setting="EMPLOYMENT_CV_STALE_DAYS",
        default_days=seekers.DEFAULT_STALE_DAYS,
        due=due_reminders,
        apply=send_reminders,
    ),
    personal_data.RetentionRule(
        name="stale_cvs",
        app="employment",
        what="CVs still untouched after the reminder: anonymised (name, contact, texts, file); figures kept",
        setting="EMPLOYMENT_CV_REMINDER_DAYS",
        default_days=seekers.DEFAULT_REMINDER_DAYS,
        due=due_anonymisations,
        apply=anonymise_stale,
    ),
]
