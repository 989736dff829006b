"""What a calendar shows: a month as a grid, the next events, past events, filters and feed links.

The same context serves the council's calendar (every event) and each assembly's
page (its own events). Queries do not depend on how many events there are:
candidate events come in one query with their exceptions prefetched, and the
repetitions are expanded in Python.
"""

import calendar as pycalendar
import datetime

from django.core.paginator import Paginator
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from events import recurrence
from events.models import Category, EventPage
from theme import chrome

UPCOMING_DAYS = 120
UPCOMING_LIMIT = 8
PAST_DAYS = 2 * 365
PAST_PER_PAGE = 20


def parse_month(value, today):
    """The first day of the month named by "2026-11"; this month when missing or wrong."""
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        if 1900 <= year <= 2100 and 1 <= month <= 12:
            return datetime.date(year, month, 1)
    except ValueError:
        pass
    return today.replace(day=1)


def _midnight(day):
    return recurrence.make_aware(datetime.datetime.combine(day, datetime.time()))


def occurrences_between(events, window_start, window_end, assemblies=None):
    """The occurrences of `events` in the window, time order, each with `.assembly` set."""
    return occurrences_in_windows(events, [(window_start, window_end)], assemblies)[0]


def occurrences_in_windows(events, windows, assemblies=None):
    """[the occurrences in each (start, end) window], from one query for the events and one for their exceptions.

    `assemblies`, when given, are AssemblyPages already at hand: events below them
    are matched to them without asking the database again.
    """
    candidates = Q()
    for window_start, window_end in windows:
        candidates |= EventPage.objects.overlapping_q(window_start, window_end)
    found = [[] for _window in windows]
    for event in events.filter(candidates).distinct():
        exceptions = list(event.exceptions.all())
        for position, (window_start, window_end) in enumerate(windows):
            found[position].extend(recurrence.occurrences(event, window_start, window_end, exceptions))
    for occurrences in found:
        occurrences.sort(key=lambda occurrence: (occurrence.starts_at, occurrence.event.title))
    _attach_assemblies([o for occurrences in found for o in occurrences], assemblies)
    return found


def _attach_assemblies(occurrences, assemblies=None):
    """Set `.assembly` on each occurrence's event (None for council events), asking only for assemblies not at hand."""
    from assemblies.models import AssemblyPage

    known = {a.path: a for a in assemblies or []}
    paths = {o.event.path[: -EventPage.steplen] for o in occurrences}
    missing = paths - known.keys()
    if missing:
        known.update((a.path, a) for a in AssemblyPage.objects.filter(path__in=missing))
    for occurrence in occurrences:
        occurrence.assembly = known.get(occurrence.event.path[: -EventPage.steplen])


def calendar_head(request, page):
    """What a calendar page shows outside its cached grid: the assembly chosen in the filter and the feed's links."""
    from assemblies.models import AssemblyPage

    wanted = request.GET.get("meclis", "")
    chosen = AssemblyPage.objects.live().filter(locale_id=page.locale_id, slug=wanted).first() if wanted else None
    return {"chosen_assembly": chosen, **feed_links(request, page, chosen)}


def calendar_context(request, page, assembly=None):
    """Context for a calendar of `page`'s language, limited to `assembly` when given."""
    from assemblies.models import AssemblyPage

    today = timezone.localdate()
    events = EventPage.objects.listed(page.locale_id)
    chosen_assembly = assembly
    if assembly is None:
        assemblies = list(AssemblyPage.objects.live().filter(locale_id=page.locale_id).order_by("path"))
        wanted = request.GET.get("meclis", "")
        chosen_assembly = next((a for a in assemblies if a.slug == wanted), None)
    else:
        assemblies = [assembly]
    if chosen_assembly is not None:
        events = events.child_of(chosen_assembly)
    category = request.GET.get("kategori", "")
    if category in Category.values:
        events = events.filter(category=category)
    else:
        category = ""

    month = parse_month(request.GET.get("ay"), today)
    weeks = pycalendar.Calendar(firstweekday=0).monthdatescalendar(month.year, month.month)
    window_start, window_end = _midnight(weeks[0][0]), _midnight(weeks[-1][-1] + datetime.timedelta(days=1))
    now = timezone.now()
    show_past = request.GET.get("gecmis") == "1"
    # The month's grid and the list below it come from the same two queries.
    listing = (
        (now - datetime.timedelta(days=PAST_DAYS), now)
        if show_past
        else (now, now + datetime.timedelta(days=UPCOMING_DAYS))
    )
    in_grid, in_listing = occurrences_in_windows(events, [(window_start, window_end), listing], assemblies)
    by_day = {}
    for occurrence in in_grid:
        day, last = (
            recurrence.local(occurrence.starts_at).date(),
            recurrence.local(occurrence.ends_at - datetime.timedelta(seconds=1)).date(),
        )
        while day <= last and day <= weeks[-1][-1]:
            by_day.setdefault(day, []).append(occurrence)
            day += datetime.timedelta(days=1)

    context = {
        "calendar_page": page,
        "filter_assemblies": assemblies if assembly is None else [],
        "chosen_assembly": chosen_assembly,
        "categories": Category.choices,
        "chosen_category": category,
        "month": month,
        "month_label": date_format(month, "F Y"),
        "previous_month": (month - datetime.timedelta(days=1)).replace(day=1).strftime("%Y-%m"),
        "next_month": (month + datetime.timedelta(days=32)).replace(day=1).strftime("%Y-%m"),
        "this_month": today.strftime("%Y-%m"),
        "weekdays": [
            (
                date_format(weeks[0][0] + datetime.timedelta(days=i), "l"),
                date_format(weeks[0][0] + datetime.timedelta(days=i), "D"),
            )
            for i in range(7)
        ],
        "weeks": [
            [
                {
                    "date": day,
                    "in_month": day.month == month.month,
                    "today": day == today,
                    "occurrences": by_day.get(day, []),
                }
                for day in week
            ]
            for week in weeks
        ],
        "month_has_events": bool(in_grid),
        "show_past": show_past,
    }
    if show_past:
        past = [o for o in in_listing if o.ends_at <= now]
        past.reverse()
        paginator = Paginator(past, PAST_PER_PAGE)
        context["past_page"] = paginator.get_page(request.GET.get("sayfa"))
    else:
        context["upcoming"] = once_per_event(in_listing, UPCOMING_LIMIT)
    context.update(feed_links(request, page, chosen_assembly))
    return context


def feed_links(request, page, assembly=None):
    """The feed of this calendar: its address, its webcal:// form and a title for the <link>."""
    with translation.override(chrome.language_code(page.locale_id)):
        if assembly is None:
            path = reverse("events:feed")
            title = _("All events of the City Council")
        else:
            path = reverse("events:assembly_feed", kwargs={"assembly_slug": assembly.slug})
            title = _("Events of the %(assembly)s") % {"assembly": assembly.title}
    absolute = request.build_absolute_uri(path)
    return {
        "feed_url": absolute,
        "feed_path": path,
        "webcal_url": "webcal://" + absolute.split("://", 1)[1],
        "feed_title": title,
    }


def upcoming(locale_id, limit=3, assemblies=None):
    """The next occurrences on the whole site, for the home page (`assemblies`: those already at hand)."""
    now = timezone.now()
    found = occurrences_between(
        EventPage.objects.listed(locale_id), now, now + datetime.timedelta(days=UPCOMING_DAYS), assemblies
    )
    return once_per_event([o for o in found if not o.is_cancelled], limit)


def once_per_event(occurrences, limit):
    """Each event once, at its next date: a weekly workshop is one entry of a list of what is coming, not eight.

    A series skips a date cancelled on its own to show the next one it keeps; the month grid still shows every date.
    """
    seen, kept = set(), []
    for occurrence in occurrences:
        if occurrence.event.pk in seen or (occurrence.cancelled and occurrence.event.is_recurring):
            continue
        seen.add(occurrence.event.pk)
        kept.append(occurrence)
        if len(kept) == limit:
            break
    return kept


def describe_repeat(event):
    """The recurrence in words: "Every week on Monday and Wednesday, until 31 December 2026"."""
    if not event.is_recurring:
        return ""
    n = max(1, event.repeat_interval or 1)
    start = recurrence.local(event.starts_at)
    if event.repeat == event.Repeat.DAILY:
        text = ngettext("Every day", "Every %(n)s days", n) % {"n": n}
    elif event.repeat == event.Repeat.WEEKLY:
        names = dict(EventPage.Weekday.choices)
        days = [str(names[day]) for day in event.repeat_weekdays] or [date_format(start, "l")]
        joined = (
            days[0] if len(days) == 1 else _("%(list)s and %(last)s") % {"list": ", ".join(days[:-1]), "last": days[-1]}
        )
        text = ngettext("Every week on %(days)s", "Every %(n)s weeks on %(days)s", n) % {"n": n, "days": joined}
    elif event.repeat == event.Repeat.MONTHLY:
        text = ngettext("Every month on day %(day)s", "Every %(n)s months on day %(day)s", n) % {
            "n": n,
            "day": start.day,
        }
    else:
        text = ngettext("Every year on %(date)s", "Every %(n)s years on %(date)s", n) % {
            "n": n,
            "date": date_format(start, "j F"),
        }
    if event.repeat_count:
        text += ngettext(", once", ", %(count)s times", event.repeat_count) % {"count": event.repeat_count}
    elif event.repeat_until:
        text += _(", until %(date)s") % {"date": date_format(event.repeat_until, "j F Y")}
    return text
