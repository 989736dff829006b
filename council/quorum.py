"""Attendance and quorum of a meeting: who came, out of the seats filled on the meeting's day, and whether enough did.

A vacant seat counts for nothing: neither among the filled seats nor among those present. The rule is the body's
own (absolute majority by default), or its reconvened rule for a meeting that reconvenes one without quorum.
Closing the attendance writes the figures onto the meeting, where the minutes, the public page and open data read
them; a meeting closed without quorum decides nothing and can be reconvened.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from council.models import AgendaItem, Attendance, Meeting, Seat


def meeting_day(meeting):
    return timezone.localdate(meeting.starts_at)


def filled_seats(meeting):
    """The seats of the meeting's body that had a holder on the meeting's day, in the body's order."""
    return (
        Seat.objects.filter(body_id=meeting.body_id)
        .current(meeting_day(meeting))
        .filled()
        .select_related("organisation")
        .order_by("sort_order", "pk")
    )


@dataclass(frozen=True)
class Count:
    """The attendance figures as they stand: filled seats, those present, the number needed and whether it is met."""

    filled: int
    present: int
    required: int

    @property
    def met(self):
        return self.present >= self.required

    @property
    def missing(self):
        return max(self.required - self.present, 0)


def count(meeting):
    """The live count: present among the seats filled on the day (ticks on seats vacant that day do not count)."""
    seats = filled_seats(meeting)
    filled = seats.count()
    present = Attendance.objects.filter(meeting=meeting, present=True, seat__in=seats.values("pk")).count()
    return Count(filled=filled, present=present, required=meeting.quorum_rule.required(filled))


def sheet(meeting):
    """Each filled seat with its attendance (None when not yet ticked), for the tick list and the sign-in sheet."""
    seats = list(filled_seats(meeting))
    marks = {mark.seat_id: mark for mark in Attendance.objects.filter(meeting=meeting, seat__in=[s.pk for s in seats])}
    return [(seat, marks.get(seat.pk)) for seat in seats]


def _refuse_if_closed(meeting):
    if meeting.attendance_closed_at is not None:
        raise ValidationError(_("The attendance of this meeting is closed; reopen it to change it."))


@transaction.atomic
def mark(meeting, seat, *, present, by_substitute=False, user=None):
    """Tick (or untick) one filled seat as present, by its holder or by the substitute; saved at once."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _refuse_if_closed(meeting)
    if not filled_seats(meeting).filter(pk=seat.pk).exists():
        raise ValidationError(_("This seat was not filled on the meeting's day."))
    attendance, _created = Attendance.objects.update_or_create(
        meeting=meeting,
        seat=seat,
        defaults={
            "present": bool(present),
            "by_substitute": bool(present and by_substitute),
            "recorded_at": timezone.now(),
            "recorded_by": user,
        },
    )
    return attendance


@transaction.atomic
def close(meeting, user=None):
    """Record the figures on the meeting: filled seats, quorum needed, present, whether met, and when."""
    meeting = Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)
    _refuse_if_closed(meeting)
    figures = count(meeting)
    meeting.filled_seats = figures.filled
    meeting.quorum_required = figures.required
    meeting.present_count = figures.present
    meeting.quorum_met = figures.met
    meeting.attendance_closed_at = timezone.now()
    meeting.save(
        update_fields=["filled_seats", "quorum_required", "present_count", "quorum_met", "attendance_closed_at"]
    )
    return meeting


@transaction.atomic
def reopen(meeting):
    """Open a closed attendance again (a tick forgotten): not once the minutes are approved or decisions recorded."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.minutes_approved_at is not None:
        raise ValidationError(_("The minutes of this meeting are approved: its attendance can no longer change."))
    if meeting.reconvened_by.exists():
        raise ValidationError(_("This meeting has been reconvened: its attendance can no longer change."))
    meeting.filled_seats = meeting.quorum_required = meeting.present_count = None
    meeting.quorum_met = None
    meeting.attendance_closed_at = None
    meeting.save(
        update_fields=["filled_seats", "quorum_required", "present_count", "quorum_met", "attendance_closed_at"]
    )
    return meeting


def may_reconvene(meeting):
    return meeting.quorum_met is False and not meeting.reconvened_by.exists()


@transaction.atomic
def reconvene(meeting, *, starts_at, place, address="", user=None):
    """A new meeting of the same body that reconvenes `meeting` (closed without quorum), with its agenda.

    The new meeting decides by the body's reconvened rule; its invitations follow the usual convening rules.
    """
    meeting = Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)
    if meeting.quorum_met is not False:
        raise ValidationError(_("Only a meeting closed without quorum can be reconvened."))
    if meeting.reconvened_by.exists():
        raise ValidationError(_("This meeting has already been reconvened."))
    if starts_at <= meeting.starts_at:
        raise ValidationError({"starts_at": _("The reconvened meeting must come after the one it reconvenes.")})
    new = Meeting.objects.create(
        body=meeting.body,
        kind=meeting.kind,
        title=meeting.title,
        starts_at=starts_at,
        place=place,
        address=address,
        reconvenes=meeting,
    )
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=new, title=item.title, text=item.text, sort_order=item.sort_order)
        for item in meeting.agenda_items.all()
    )
    return new
