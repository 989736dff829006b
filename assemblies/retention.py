"""Retention of membership data (KVKK, Law 6698 art. 7): registered in AssembliesConfig.ready().

A rejected application, or a membership left (or an application withdrawn), has served its purpose:

- the parent or guardian's details go first, `RETENTION_GUARDIAN_DAYS` after the decision: they were
  needed only while a minor's application or membership ran (the date their consent was given stays,
  as the proof of it);
- the whole record, with its history, `RETENTION_ENDED_MEMBERSHIP_DAYS` after the decision: time to
  answer an objection to a rejection or a question about a past membership;
- roster uploads checked and never confirmed (the file and the names in the problem list), and the
  problem lists of confirmed ones, `RETENTION_UPLOAD_DAYS` after the check.
"""

from django.db.models import Q
from django.db.models.functions import Coalesce

from accounts import personal_data
from assemblies.models import Membership, RosterImport
from config.spreadsheet_imports import forget_uploads, stale_uploads

DEFAULT_GUARDIAN_DAYS = 30
DEFAULT_ENDED_MEMBERSHIP_DAYS = 365
DEFAULT_UPLOAD_DAYS = 30

ENDED = [Membership.State.REJECTED, Membership.State.LEFT]
# Who the guardian is and what was noted on their consent; when and how it was given stays, as its proof.
GUARDIAN_FIELDS = (
    "guardian_name",
    "guardian_relationship",
    "guardian_phone",
    "guardian_email",
    "guardian_consent_note",
)


def _ended_before(cutoff):
    return Membership.objects.alias(ended_at=Coalesce("decided_at", "applied_at")).filter(
        state__in=ENDED, ended_at__lt=cutoff
    )


def due_guardians(cutoff):
    holds = Q()
    for name in GUARDIAN_FIELDS:
        holds |= ~Q(**{name: ""})
    return _ended_before(cutoff).filter(holds)


def forget_guardians(cutoff, now, size):
    blank = dict.fromkeys(GUARDIAN_FIELDS, "")
    return {"guardian_details": personal_data.update_in_batches(due_guardians(cutoff), size, **blank)}


def due_memberships(cutoff):
    return _ended_before(cutoff)


def delete_memberships(cutoff, now, size):
    return {"ended_memberships": personal_data.delete_in_batches(due_memberships(cutoff), size)}


def due_uploads(cutoff):
    return stale_uploads(RosterImport, cutoff)


def delete_uploads(cutoff, now, size):
    return {"roster_uploads": forget_uploads(RosterImport, cutoff, size, personal_data.locked_batches)}


RULES = [
    personal_data.RetentionRule(
        name="guardian_details",
        app="assemblies",
        what="parent or guardian of a rejected or ended membership, from the decision: removed (consent date kept)",
        setting="RETENTION_GUARDIAN_DAYS",
        default_days=DEFAULT_GUARDIAN_DAYS,
        due=due_guardians,
        apply=forget_guardians,
    ),
    personal_data.RetentionRule(
        name="ended_memberships",
        app="assemblies",
        what="rejected applications and memberships left, from the decision: deleted with their history",
        setting="RETENTION_ENDED_MEMBERSHIP_DAYS",
        default_days=DEFAULT_ENDED_MEMBERSHIP_DAYS,
        due=due_memberships,
        apply=delete_memberships,
    ),
    personal_data.RetentionRule(
        name="roster_uploads",
        app="assemblies",
        what="roster uploads never confirmed (file, problem list), from the check: deleted; problem lists emptied",
        setting="RETENTION_UPLOAD_DAYS",
        default_days=DEFAULT_UPLOAD_DAYS,
        due=due_uploads,
        apply=delete_uploads,
    ),
]
