"""Retention of the recipient book (KVKK, Law 6698 art. 7): registered in DistributionConfig.ready().

- a recipient no list uses, added more than `RETENTION_UNLISTED_RECIPIENT_DAYS` ago and not delivered
  to since then, is no longer part of any round: never delivered to, it is deleted; delivered to, it
  stays for the delivery records, without its contact person, phone, e-mail and who received the copies
  (and, for an individual, without the name and door), and inactive;
- who received the copies at a stop, and the courier's note, `RETENTION_DELIVERY_NOTE_DAYS` after the
  distribution's date (the outcome stays, for the reports);
- recipient uploads checked and never confirmed (the file and the names in the problem list), and the
  problem lists of confirmed ones, `RETENTION_UPLOAD_DAYS` after the check.
"""

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from accounts import personal_data
from config.spreadsheet_imports import forget_uploads, stale_uploads
from distribution.models import Recipient, RecipientImport, Stop

DEFAULT_UNLISTED_RECIPIENT_DAYS = 365
DEFAULT_UPLOAD_DAYS = 30
DEFAULT_DELIVERY_NOTE_DAYS = 365
# In place of an individual's name: the same in every language, as route sheets are printed in any.
REMOVED_NAME = "—"


def due_recipients(cutoff):
    on_a_list = Recipient.lists.through.objects.filter(recipient_id=OuterRef("pk"))
    recent_stop = Stop.objects.filter(
        recipient=OuterRef("pk"), route__distribution__date__gte=timezone.localdate(cutoff)
    )
    anonymised = Q(contact_person="", phone="", email="", active=False) & (
        ~Q(kind=Recipient.Kind.INDIVIDUAL) | Q(name=REMOVED_NAME)
    )
    return Recipient.objects.filter(~Exists(on_a_list), ~Exists(recent_stop), created_at__lt=cutoff).exclude(anonymised)


def forget_recipients(cutoff, now, size):
    done = 0
    for batch in personal_data.locked_batches(due_recipients(cutoff), ["pk", "kind"], size):
        ids = [recipient.pk for recipient in batch]
        delivered = set(Stop.objects.filter(recipient_id__in=ids).values_list("recipient_id", flat=True))
        Recipient.objects.filter(pk__in=set(ids) - delivered).delete()
        Stop.objects.filter(recipient_id__in=delivered).update(received_by="", note="")
        kept = Recipient.objects.filter(pk__in=delivered)
        kept.update(contact_person="", phone="", email="", active=False)
        people = list(kept.filter(kind=Recipient.Kind.INDIVIDUAL))
        for person in people:
            person.name, person.building_no, person.door_no, person.site_block = REMOVED_NAME, "", "", ""
            person.uavt_code = person.latitude = person.longitude = None
            # The keys that find duplicates and sort the book are made from the name: made again without it.
            person.sort_key, person.match_key = REMOVED_NAME, person.compute_match_key()
        fields = ["name", "building_no", "door_no", "site_block", "uavt_code", "latitude", "longitude"]
        Recipient.objects.bulk_update(people, [*fields, "sort_key", "match_key"])
        done += len(batch)
    return {"unlisted_recipients": done}


def due_delivery_notes(cutoff):
    return Stop.objects.filter(route__distribution__date__lt=timezone.localdate(cutoff)).exclude(
        received_by="", note=""
    )


def forget_delivery_notes(cutoff, now, size):
    notes = due_delivery_notes(cutoff)
    return {"delivery_notes": personal_data.update_in_batches(notes, size, received_by="", note="")}


def due_uploads(cutoff):
    return stale_uploads(RecipientImport, cutoff)


def delete_uploads(cutoff, now, size):
    return {"recipient_uploads": forget_uploads(RecipientImport, cutoff, size, personal_data.locked_batches)}


RULES = [
    personal_data.RetentionRule(
        name="unlisted_recipients",
        app="distribution",
        what="recipients on no list and not delivered to since, from when added: deleted, or stripped to the address",
        setting="RETENTION_UNLISTED_RECIPIENT_DAYS",
        default_days=DEFAULT_UNLISTED_RECIPIENT_DAYS,
        due=due_recipients,
        apply=forget_recipients,
    ),
    personal_data.RetentionRule(
        name="delivery_notes",
        app="distribution",
        what="who received the copies at a stop and the courier's note, from the distribution's date: removed",
        setting="RETENTION_DELIVERY_NOTE_DAYS",
        default_days=DEFAULT_DELIVERY_NOTE_DAYS,
        due=due_delivery_notes,
        apply=forget_delivery_notes,
    ),
    personal_data.RetentionRule(
        name="recipient_uploads",
        app="distribution",
        what="recipient uploads never confirmed (file, problem list), from the check: deleted; problem lists emptied",
        setting="RETENTION_UPLOAD_DAYS",
        default_days=DEFAULT_UPLOAD_DAYS,
        due=due_uploads,
        apply=delete_uploads,
    ),
]
