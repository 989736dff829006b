"""Convening a body's meeting: the agenda, the invitations and their timing, and the meeting's calendar entry.

The rules, in one place for the admin, commands and tests:

- Who is invited: every seat of the body that is filled on the meeting's day (its term includes that day,
  so a member whose term begins before the meeting is invited and one whose term ends before it is not);
  a vacant seat invites nobody. The holder is invited by e-mail and, where a phone is given, by SMS. The
  substitute is invited too when they have an e-mail address (so that they can stand in; a substitute
  known only by name is not contacted), and by SMS where their phone is given. A person who holds seats on
  several bodies is invited to each body's meetings; one person holding two seats of the same body gets
  one invitation.
- When: ordinary invitations go out at least `body.notice_days` days before the meeting starts (sent
  exactly that long before is in time, a second later is too late) and are refused with a Turkish message
  saying until when they could have gone out. An extraordinary meeting is exempt: a body's rules allow the
  president to call one at short notice, and the invitation says it is extraordinary. Nothing goes out for
  a meeting that has begun or was cancelled, and invitations go out once.
- What: an e-mail through the outbox (retried until delivered) with the agenda in the text and the meeting
  as an .ics, and an SMS through the SMS outbox (outbox/sms.py, retried as well) naming the date and place.
- Afterwards: moving the meeting (its time or place) or cancelling it tells the people with a current seat
  on the meeting's day, by the same channels, with the updated .ics.
- The calendar: sending the invitations publishes an events.EventPage for the meeting (under the body's
  assembly page for an assembly's body, else under the council's calendar), without registration, linking to
  the meeting's public page; a later change updates it, cancelling cancels it. Events know nothing of this.
"""

import dataclasses
import datetime

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from council.models import AgendaAttachment, AgendaItem, Meeting
from outbox import sms
from outbox.mail import send_email

DEFAULT_LENGTH = datetime.timedelta(hours=2)
# What the invitations are written in: seats record no language, and the council works in Turkish.
LANGUAGE = "tr"
# The fields people plan around: changing one after the invitations tells the invited people.
SIGNIFICANT_FIELDS = ["starts_at", "ends_at", "place", "address"]
ICS_FILENAME = "toplanti.ics"


@dataclasses.dataclass(frozen=True)
class Invitee:
    """One person invited to a meeting: a seat's holder or substitute, and how they are reached."""

    name: str
    email: str
    phone: str
    organisation: str
    substitute_for: str = ""  # the holder's name, for a substitute

    @property
    def is_substitute(self):
        return bool(self.substitute_for)

    @property
    def channels(self):
        return [channel for channel, address in (("email", self.email), ("sms", self.phone)) if address]


def local(moment):
    return timezone.localtime(moment)


def convene(body, starts_at, place, items=(), *, kind=Meeting.Kind.ORDINARY, ends_at=None, address="", title=""):
    """A new meeting of `body` with its agenda: `items` are (title, text, [documents]) in order."""
    with transaction.atomic():
        meeting = Meeting.objects.create(
            body=body, kind=kind, starts_at=starts_at, ends_at=ends_at, place=place, address=address, title=title
        )
        for order, (item_title, text, documents) in enumerate(items):
            item = AgendaItem.objects.create(meeting=meeting, title=item_title, text=text, sort_order=order)
            AgendaAttachment.objects.bulk_create(AgendaAttachment(item=item, document=doc) for doc in documents)
    return meeting


def invitation_deadline(meeting):
    """The last moment the invitations of an ordinary meeting may go out."""
    return meeting.starts_at - datetime.timedelta(days=meeting.body.notice_days)


def timing_problem(meeting, now=None):
    """Why the invitations cannot go out now, in words for the secretariat, or None when they can."""
    now = now or timezone.now()
    if meeting.cancelled_at:
        return _("This meeting was cancelled; no invitations go out for it.")
    if meeting.starts_at <= now:
        return _("This meeting has already begun; invitations can no longer be sent.")
    if meeting.kind == Meeting.Kind.EXTRAORDINARY:
        return None
    deadline = invitation_deadline(meeting)
    if now > deadline:
        return _(
            "Too late: the invitations to a meeting of %(body)s must go out at least %(days)s days before it, "
            "that is by %(deadline)s. Move the meeting to a later date, or, if it cannot wait, convene it as "
            "an extraordinary meeting."
        ) % {
            "body": meeting.body.name,
            "days": meeting.body.notice_days,
            "deadline": local(deadline).strftime("%d.%m.%Y %H:%M"),
        }
    return None


def e164(raw):
    """A seat's phone as E.164 for the SMS gateway, or "" when it is not a usable number."""
    if not raw:
        return ""
    try:
        number = phonenumbers.parse(raw, "TR")
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_valid_number(number):
        return ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def invitees(meeting):
    """Who is invited to `meeting`: the holders of the body's seats filled on its day, and their substitutes
    who have an e-mail address; each person once."""
    day = local(meeting.starts_at).date()
    seats = meeting.body.seats.current(day).filled().select_related("organisation").order_by("sort_order", "pk")
    found, seen = [], set()
    for seat in seats:
        organisation = seat.organisation.name if seat.organisation_id else ""
        people = [Invitee(seat.holder_name, seat.holder_email, e164(seat.holder_phone), organisation)]
        if seat.substitute_name and seat.substitute_email:
            people.append(
                Invitee(
                    seat.substitute_name,
                    seat.substitute_email,
                    e164(seat.substitute_phone),
                    organisation,
                    substitute_for=seat.holder_name,
                )
            )
        for person in people:
            key = person.email.lower() or person.phone or person.name.casefold()
            if key not in seen:
                seen.add(key)
                found.append(person)
    return found


def meeting_url(meeting, language=LANGUAGE):
    """The meeting's public page (full address), or "" while the site has no council page."""
    from council.models import CouncilPage

    page = CouncilPage.for_language(language)
    if page is None:
        return ""
    root = page.get_full_url() or ""
    return root.rstrip("/") + "/" + page.reverse_subpage("meeting", args=[meeting.pk]).lstrip("/")


def ics_text(meeting):
    """The meeting as an iCalendar file: its calendar entry's own VEVENT (the same UID as in every feed, so a
    calendar application that has both shows one meeting), with the Europe/Istanbul VTIMEZONE."""
    from events import ical

    event = meeting.event
    if event is None:
        event = sync_event(meeting)
    return ical.single_event_calendar(event)


def agenda_summary(meeting):
    titles = [f"{number}. {item.title}" for number, item in enumerate(meeting.agenda_items.all(), start=1)]
    text = (
        _("Agenda: %(items)s") % {"items": "; ".join(titles)}
        if titles
        else _("Meeting of %(body)s") % {"body": meeting.body.name}
    )
    return Truncator(text).chars(480)


def _calendar_parent(meeting):
    from wagtail.models import Locale

    from events.models import CalendarPage

    if meeting.body.assembly_id:
        return meeting.body.assembly
    return CalendarPage.objects.live().filter(locale=Locale.get_default()).first()


def sync_event(meeting):
    """Publish the meeting's calendar entry (create it the first time), in step with the meeting. Returns it,
    or None while the site has no calendar to put it in."""
    from wagtail.rich_text import RichText

    from events.models import Category, EventPage

    with translation.override(LANGUAGE):
        url = meeting_url(meeting)
        label = _("The meeting’s agenda and, once approved, its minutes")
        link = f'<p><a href="{escape(url)}">{escape(label)}</a></p>' if url else ""
        fields = {
            "title": meeting.display_title,
            "summary": agenda_summary(meeting),
            "starts_at": meeting.starts_at,
            "ends_at": meeting.ends_at or meeting.starts_at + DEFAULT_LENGTH,
            "all_day": False,
            "venue_name": meeting.place,
            "venue_address": meeting.address,
            "category": Category.ASSEMBLY_MEETING,
            "registration": EventPage.Registration.NONE,
            "capacity": None,
            "status": EventPage.Status.CANCELLED if meeting.cancelled_at else EventPage.Status.SCHEDULED,
            "body": [("paragraph", RichText(link))] if link else [],
        }
    event = meeting.event
    if event is None:
        parent = _calendar_parent(meeting)
        if parent is None:
            return None
        event = EventPage(slug=f"{meeting.body.slug}-toplanti-{meeting.pk}", **fields)
        parent.add_child(instance=event)
    else:
        for name, value in fields.items():
            setattr(event, name, value)
    event.save_revision().publish()
    if meeting.event_id != event.pk:
        meeting.event = event
        Meeting.objects.filter(pk=meeting.pk).update(event=event)
    return event


def _tell(meeting, people, kind):
    """E-mail (with the .ics) and text `people` about `meeting`: kind is "invitation", "changed" or "cancelled"."""
    with translation.override(LANGUAGE):
        attachments = [{"filename": ICS_FILENAME, "content": ics_text(meeting), "mimetype": "text/calendar"}]
        context = {
            "meeting": meeting,
            "body": meeting.body,
            "starts_at": local(meeting.starts_at),
            "ends_at": local(meeting.ends_at) if meeting.ends_at else None,
            "items": list(meeting.agenda_items.prefetch_related("attachments__document")),
            "url": meeting_url(meeting),
        }
        subject = " ".join(render_to_string(f"council/email/meeting_{kind}_subject.txt", context, using="text").split())
        text = " ".join(render_to_string(f"council/email/meeting_{kind}_sms.txt", context, using="text").split())
        for person in people:
            if person.email:
                body = render_to_string(
                    f"council/email/meeting_{kind}_body.txt", {**context, "person": person}, using="text"
                )
                send_email(
                    subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
                    body=body,
                    to=person.email,
                    language=LANGUAGE,
                    attachments=attachments,
                    after_commit=True,
                )
        sms.queue_sms([person.phone for person in people if person.phone], text)


def send_invitations(meeting, now=None):
    """Invite the body's members (see the module's rules), publish the calendar entry, record when.

    Raises ValidationError with the reason when the invitations cannot go out. Returns the invitees.
    """
    now = now or timezone.now()
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update(of=("self",)).select_related("body", "event").get(pk=meeting.pk)
        if meeting.invitations_sent_at:
            raise ValidationError(
                _("The invitations were already sent on %(when)s.")
                % {"when": local(meeting.invitations_sent_at).strftime("%d.%m.%Y %H:%M")}
            )
        problem = timing_problem(meeting, now)
        if problem:
            raise ValidationError(problem)
        sync_event(meeting)
        people = invitees(meeting)
        _tell(meeting, people, "invitation")
        meeting.invitations_sent_at = now
        meeting.save(update_fields=["invitations_sent_at"])
    return people


def snapshot(meeting):
    """The values of SIGNIFICANT_FIELDS now stored, to compare after an edit (None for a new meeting)."""
    if not meeting.pk:
        return None
    return Meeting.objects.filter(pk=meeting.pk).values(*SIGNIFICANT_FIELDS).first()


def after_edit(meeting, previous):
    """After the meeting was saved: keep its calendar entry in step, and when the invitations had gone out and
    the time or place changed, tell the invited people. Returns whom it told."""
    if meeting.cancelled_at:
        return []
    if meeting.event_id:
        sync_event(meeting)
    changed = previous is not None and any(previous[name] != getattr(meeting, name) for name in SIGNIFICANT_FIELDS)
    if not (changed and meeting.invitations_sent_at):
        return []
    people = invitees(meeting)
    _tell(meeting, people, "changed")
    return people


def cancel(meeting, now=None):
    """Cancel the meeting: its calendar entry says so, and the invited people are told. Returns whom it told."""
    now = now or timezone.now()
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update(of=("self",)).select_related("body", "event").get(pk=meeting.pk)
        if meeting.cancelled_at:
            return []
        meeting.cancelled_at = now
        meeting.save(update_fields=["cancelled_at"])
        if meeting.event_id:
            sync_event(meeting)
        if not meeting.invitations_sent_at:
            return []
        people = invitees(meeting)
        _tell(meeting, people, "cancelled")
    return people
