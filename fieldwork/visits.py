"""The field team's rules: recording a visit, the requests raised on it, and a request turned into a case.

The phone pages, the admin and the demo content all call these, so a case is opened the same way
whoever opens it, and always through the register's own `complaints.cases.file_case`.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from complaints import cases
from complaints.models import Case, Channel
from fieldwork import access
from fieldwork.models import FieldRequest, Visit


@transaction.atomic
def record_visit(*, recorded_by, topics=(), request_text="", request_topic=None, **fields):
    """Store a visit with its topics and, when the person raised one, its first request; returns the visit."""
    visit = Visit(recorded_by=recorded_by, **fields)
    if visit.stop_id and not visit.neighbourhood_id:
        visit.neighbourhood = visit.stop.plan.neighbourhood
    if not visit.contact_consent:
        visit.contact_phone = ""
    visit.save()
    visit.topics.set(topics)
    if request_text.strip():
        add_request(visit, request_text, topic=request_topic, actor=recorded_by)
    return visit


def add_request(origin, text, *, topic=None, actor=None, name="", phone="", contact_consent=False):
    """A request raised on a visit (the person met is its contact) or at an event (its own contact)."""
    text = text.strip()
    if not text:
        raise ValidationError(_("Write what the person asked for."))
    if isinstance(origin, Visit):
        fields = {
            "visit": origin,
            "neighbourhood": origin.neighbourhood,
            "name": origin.person_name,
            "phone": origin.contact_phone,
            "contact_consent": origin.contact_consent,
        }
    else:
        fields = {
            "representation": origin,
            "neighbourhood": origin.neighbourhood,
            "name": name,
            "phone": phone if contact_consent else "",
            "contact_consent": contact_consent,
        }
    return FieldRequest.objects.create(text=text, topic=topic, created_by=actor, **fields)


def _where(request):
    """The reference the case's internal note keeps to its origin: the register has no link to this app."""
    origin = request.origin
    if request.visit_id:
        return _("Raised on a field visit: %(visit)s, %(place)s, recorded by %(who)s.") % {
            "visit": origin,
            "place": origin.neighbourhood,
            "who": access.name_of(origin.recorded_by),
        }
    return _("Raised at an event where the municipality was represented: %(event)s, %(place)s.") % {
        "event": origin,
        "place": origin.place,
    }


@transaction.atomic
def open_case(request, actor):
    """Turn `request` into a case of the register with the channel "Saha ziyareti"; the request keeps the case.

    The person's name and phone go with it only when they agreed to be contacted; else the case is anonymous.
    Opening it again returns the case already opened.
    """
    request = (
        FieldRequest.objects.select_for_update(of=("self",))
        .select_related("visit", "representation")
        .get(pk=request.pk)
    )
    if request.case_id:
        return request.case
    origin = request.origin
    fields = {
        "kind": Case.Kind.REQUEST,
        "topic": request.topic,
        "neighbourhood": request.neighbourhood,
        "address": origin.street if request.visit_id else origin.place,
    }
    if request.contact_consent and request.phone:
        fields.update(
            name=request.name,
            phone=request.phone,
            reply_by=Case.ReplyBy.PHONE,
            consent_at=timezone.now(),
            consent_document=_("KVKK information notice given by %(channel)s staff")
            % {"channel": Channel.FIELD_VISIT.label},
        )
    else:
        fields["anonymous"] = True
    case = cases.file_case(channel=Channel.FIELD_VISIT, description=request.text, actor=actor, **fields)
    cases.add_note(case, _where(request), actor=actor)
    request.case = case
    request.save(update_fields=["case"])
    return case
