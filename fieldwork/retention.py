"""Retention of what the field team writes down about people (KVKK, Law 6698 art. 7): registered in
FieldworkConfig.ready().

The person met on a visit (name, role), their phone and the officer's notes serve the follow-up of the visit and
of the requests raised on it. `RETENTION_FIELD_VISIT_CONTACT_DAYS` after the visit they are removed, unless a
request raised on it became a case that is still open (the register keeps that case's own copy by its own rule);
the visit stays as a figure: kind, mahalle, street, business, topics, satisfaction. The name and phone of a
request raised on a visit or at an event go by the same period, counted from the visit or the event's first day.
"""

from django.utils import timezone

from accounts import personal_data
from fieldwork.models import FieldRequest, Visit

DEFAULT_CONTACT_DAYS = 730
VISIT_CONTACTS = {"person_name": "", "person_role": "", "contact_phone": "", "notes": ""}


def due_visits(cutoff):
    return Visit.objects.contacts_due(cutoff)


def forget_visits(cutoff, now, size):
    done = personal_data.update_in_batches(
        due_visits(cutoff), size, contacts_erased_at=now or timezone.now(), **VISIT_CONTACTS
    )
    return {"field_visit_contacts": done}


def due_requests(cutoff):
    return FieldRequest.objects.contacts_due(cutoff)


def forget_requests(cutoff, now, size):
    return {"field_request_contacts": personal_data.update_in_batches(due_requests(cutoff), size, name="", phone="")}


RULES = [
    personal_data.RetentionRule(
        name="field_visit_contacts",
        app="fieldwork",
        what="the person met on a field visit, their phone and the notes, from the visit, "
        "unless a case opened from it is open: removed",
        setting="RETENTION_FIELD_VISIT_CONTACT_DAYS",
        default_days=DEFAULT_CONTACT_DAYS,
        due=due_visits,
        apply=forget_visits,
    ),
    personal_data.RetentionRule(
        name="field_request_contacts",
        app="fieldwork",
        what="name and phone of a request raised on a visit or at an event, from the visit or event, "
        "unless its case is open: removed",
        setting="RETENTION_FIELD_VISIT_CONTACT_DAYS",
        default_days=DEFAULT_CONTACT_DAYS,
        due=due_requests,
        apply=forget_requests,
    ),
]
