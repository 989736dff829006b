"""The escort unit's demo: its login, the service building's offices, a roster, and bookings for today, the next
days and the past four months (met, not come, cancelled), so the day's phone page and the figures show something.
Idempotent: the offices and roster are kept by name and hour, the bookings only made once."""

import datetime
import random

from django.utils import timezone

from config.working_days import is_working_day
from escort.groups import ensure_unit_group
from escort.models import Booking, Office, SlotCapacity

ESCORT_USER = ("refakat@kentkonseyi.test", "Zeynep", "Karaca")
OFFICES = [
    ("Çözüm Merkezi", "Zemin kat"),
    ("İmar ve Şehircilik Müdürlüğü", "3. kat"),
    ("Zabıta Müdürlüğü", "1. kat"),
    ("Sosyal Destek Hizmetleri Müdürlüğü", "Zemin kat"),
    ("Emlak ve İstimlak Müdürlüğü", "2. kat"),
    ("Mali Hizmetler Müdürlüğü (vergi)", "1. kat"),
    ("Yazı İşleri Müdürlüğü (evlendirme)", "Zemin kat"),
    ("Kültür ve Sosyal İşler Müdürlüğü", "4. kat"),
]
VISITORS = [
    "Ayşe Demir",
    "Mehmet Kaya",
    "Fatma Şahin",
    "Hüseyin Yıldız",
    "Emine Öztürk",
    "Mustafa Aydın",
    "Hatice Arslan",
    "İsmail Doğan",
    "Zehra Kılıç",
    "Osman Çetin",
]
NEED_FIELDS = ["need_wheelchair", "need_sign_language", "need_low_vision", "need_reading_writing", "need_elderly"]
CONSENT = "Demo: açık rıza metni."


def load(make_user):
    ensure_unit_group()
    escort = make_user(*ESCORT_USER)
    escort.groups.add(ensure_unit_group())
    offices = []
    for order, (name, floor) in enumerate(OFFICES):
        office, _created = Office.objects.update_or_create(name=name, defaults={"floor": floor, "sort_order": order})
        offices.append(office)
    for weekday in range(5):
        for hour in range(9, 17):
            # Two escorts on duty, one over lunch.
            SlotCapacity.objects.get_or_create(weekday=weekday, hour=hour, defaults={"escorts": 1 if hour == 12 else 2})
    if Booking.objects.exists():
        return
    rng = random.Random(18)
    today = timezone.localdate()
    bookings, helped = [], []
    day = today - datetime.timedelta(days=120)
    while day <= today + datetime.timedelta(days=5):
        if is_working_day(day) or day == today:
            for hour in rng.sample(range(9, 17), rng.randint(1, 3)):
                bookings.append(_booking(rng, day, hour, offices, today, escort))
        day += datetime.timedelta(days=1)
    # Today: a visit at 10:00 and 11:00, so the escort's phone page has its morning.
    for hour in (10, 11):
        if not any(booking.date == today and booking.hour == hour for booking in bookings):
            bookings.append(_booking(rng, today, hour, offices, today, escort))
    created = Booking.objects.bulk_create(bookings)
    Through = Booking.helped_offices.through
    for booking in created:
        if booking.status == Booking.Status.MET:
            helped.append(Through(booking_id=booking.pk, office_id=booking.office_id))
            if rng.random() < 0.3:
                other = rng.choice(offices)
                if other.pk != booking.office_id:
                    helped.append(Through(booking_id=booking.pk, office_id=other.pk))
    Through.objects.bulk_create(helped)


def _booking(rng, day, hour, offices, today, escort):
    needs = {
        field: rng.random() < chance for field, chance in zip(NEED_FIELDS, (0.35, 0.1, 0.2, 0.25, 0.45), strict=True)
    }
    if not any(needs.values()):
        needs["need_elderly"] = True
    past = day < today
    status = Booking.Status.BOOKED
    if past:
        status = rng.choices(
            [Booking.Status.MET, Booking.Status.NO_SHOW, Booking.Status.CANCELLED], weights=(80, 12, 8)
        )[0]
    proxy = rng.random() < 0.3
    met_at = None
    if status == Booking.Status.MET:
        met_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, rng.randint(0, 20))))
    return Booking(
        date=day,
        hour=hour,
        office=rng.choice(offices),
        visitor_name=rng.choice(VISITORS),
        phone=f"+90532{rng.randint(1000000, 9999999)}",
        booked_by=rng.choice([Booking.BookedBy.CALL_CENTRE, Booking.BookedBy.PROXY])
        if proxy
        else Booking.BookedBy.SELF,
        proxy_name="Ali Demir" if proxy else "",
        proxy_relation="oğlu" if proxy else "",
        consent_text=CONSENT,
        consent_at=timezone.now(),
        status=status,
        met_at=met_at,
        escort=escort if status in (Booking.Status.MET, Booking.Status.NO_SHOW) else None,
        outcome="İşlemi tamamlandı." if status == Booking.Status.MET else "",
        **needs,
    )
