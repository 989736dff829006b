"""The escorts' day on a phone, the call centre's booking in the admin, reminders, figures and retention."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from assemblies.coordinators import ensure_coordinator_group
from escort import reminders, statistics
from escort.models import Booking
from outbox.models import TextMessage
from tests.escort.conftest import TODAY, TUESDAY, booking
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
DAY_URL = "/refakat/gunluk/"


@pytest.fixture(autouse=True)
def sms(settings):
    settings.SMS_BACKEND = "outbox.sms.LocmemBackend"


def test_the_escort_sees_the_days_bookings_and_marks_one_met(
    client, home_page, escort_user, offices, roster, django_assert_max_num_queries
):
    first = booking(offices[1], day=TUESDAY, hour=9, visitor_name="Emine Öztürk", need_wheelchair=True)
    for hour in range(10, 16):
        booking(offices[0], day=TUESDAY, hour=hour, visitor_name=f"Ziyaretçi {hour}", need_low_vision=True)
    booking(offices[0], day=TUESDAY + datetime.timedelta(days=1), visitor_name="Yarınki Kişi")
    client.force_login(escort_user)
    # The site's chrome with a cold cache, the session, and three of the day's own, whatever the bookings.
    with django_assert_max_num_queries(24):
        page = client.get(f"{DAY_URL}?gun={TUESDAY.isoformat()}").content.decode()
    assert "Emine Öztürk" in page and "Tekerlekli sandalye" in page and 'href="tel:+905321234567"' in page
    assert "Yarınki Kişi" not in page
    response = client.post(
        f"{DAY_URL}?gun={TUESDAY.isoformat()}",
        {
            "booking": first.pk,
            f"b{first.pk}-status": "met",
            f"b{first.pk}-helped_offices": [offices[1].pk, offices[2].pk],
            f"b{first.pk}-outcome": "Ruhsat başvurusu yapıldı.",
        },
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.status == Booking.Status.MET and first.escort == escort_user and first.met_at
    assert set(first.helped_offices.all()) == {offices[1], offices[2]}


@pytest.mark.parametrize("who", ["citizen", "coordinator", "call_centre"])
def test_nobody_outside_the_unit_sees_the_day_or_the_figures(client, assembly, offices, who, call_centre_user):
    booking(offices[0], day=timezone.localdate(), visitor_name="Gizli Ziyaretçi")
    if who == "citizen":
        user = UserFactory()
    elif who == "coordinator":
        user = UserFactory()
        user.groups.add(ensure_coordinator_group(assembly))
    else:
        user = call_centre_user
    client.force_login(user)
    assert client.get(DAY_URL).status_code == 404
    for url in ("/admin/escort/figures/", "/admin/escort/bookings/", "/admin/escort/offices/"):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert "Gizli Ziyaretçi" not in response.content.decode()
    if who != "call_centre":
        assert client.get("/admin/escort/book/").status_code in (302, 403)


def test_the_call_centre_books_for_a_caller(client, offices, roster, today, call_centre_user):
    client.force_login(call_centre_user)
    page = client.get(f"/admin/escort/book/?gun={TUESDAY.isoformat()}").content.decode()
    assert "Arayan kim?" in page
    response = client.post(
        "/admin/escort/book/",
        {
            "day": TUESDAY.isoformat(),
            "slot": f"{TUESDAY.isoformat()}T11",
            "office": offices[0].pk,
            "needs": ["need_reading_writing"],
            "visitor_name": "Osman Çetin",
            "phone": "05321112233",
            "booked_by": "proxy",
            "proxy_name": "Ali Çetin",
            "proxy_relation": "oğlu",
            "consent": "on",
        },
    )
    kept = Booking.objects.get()
    assert kept.booked_by == Booking.BookedBy.CALL_CENTRE and kept.staff_user == call_centre_user
    assert kept.proxy_name == "Ali Çetin" and "Arayan kişiye aydınlatma metni okundu" in kept.consent_text
    assert kept.code in response.content.decode()


def test_the_unit_lists_bookings_in_few_queries(client, escort_user, offices, django_assert_max_num_queries):
    for hour in range(9, 17):
        booking(offices[hour % 3], hour=hour)
    client.force_login(escort_user)
    with django_assert_max_num_queries(25):
        response = client.get("/admin/escort/bookings/")
    assert response.status_code == 200 and "Ayşe Demir" in response.content.decode()


def test_each_booking_is_reminded_once_the_day_before(offices):
    tomorrow = booking(offices[0], day=TUESDAY, hour=10)
    booking(offices[0], day=TUESDAY, hour=11, status=Booking.Status.CANCELLED)
    booking(offices[0], day=TUESDAY, hour=12, phone="+902163451234")  # a landline gets no SMS
    booking(offices[0], day=TUESDAY + datetime.timedelta(days=1))
    assert reminders.send_due(TODAY) == 1
    assert reminders.send_due(TODAY) == 0
    call_command("send_escort_reminders")
    message = TextMessage.objects.get()
    assert message.recipient == tomorrow.phone and tomorrow.code in message.text and "yarın" in message.text


def test_the_monthly_figures_on_a_fixed_set_of_bookings(offices):
    march, april = datetime.date(2026, 3, 10), datetime.date(2026, 4, 7)
    met = booking(offices[0], day=march, status=Booking.Status.MET, need_wheelchair=True, need_elderly=True)
    met.helped_offices.set([offices[0], offices[1]])
    booking(offices[1], day=march, status=Booking.Status.NO_SHOW, need_wheelchair=True)
    booking(offices[1], day=march, status=Booking.Status.CANCELLED)
    second = booking(
        offices[1], day=april, status=Booking.Status.MET, need_low_vision=True, booked_by=Booking.BookedBy.CALL_CENTRE
    )
    second.helped_offices.set([offices[1]])
    report = statistics.report(datetime.date(2026, 3, 1), datetime.date(2026, 4, 30))
    months = report.table("months")
    assert months.rows == [("Mart 2026", 2, 1, 1, 1, 0), ("Nisan 2026", 1, 1, 0, 0, 1)]
    assert months.total[1:] == (3, 2, 1, 1, 1)
    needs = dict(report.table("needs").rows)
    assert needs["Tekerlekli sandalye"] == 1 and needs["Az görme"] == 1 and needs["Yaşlı ziyaretçi"] == 1
    assert report.table("offices").rows == [(offices[1].name, 2), (offices[0].name, 1)]


def test_names_and_phones_go_after_the_retention_period_and_the_figures_stay(offices, settings):
    from escort import retention

    settings.RETENTION_ESCORT_BOOKING_DAYS = 90
    today = timezone.localdate()
    old = booking(offices[0], day=today - datetime.timedelta(days=91), status=Booking.Status.MET, need_wheelchair=True)
    old.helped_offices.set([offices[0]])
    recent = booking(offices[0], day=today - datetime.timedelta(days=10), proxy_name="Ali Demir")
    call_command("apply_retention")
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.visitor_name, old.phone, old.erased_at is not None) == ("", "", True)
    assert old.need_wheelchair and old.status == Booking.Status.MET and list(old.helped_offices.all()) == [offices[0]]
    assert recent.visitor_name == "Ayşe Demir" and recent.proxy_name == "Ali Demir"
    assert not retention.due_bookings(timezone.now() - datetime.timedelta(days=90)).exists()


def test_a_bookings_edit_form_offers_only_the_units_people_as_its_escort(client, escort_user, offices):
    """The admin's edit form is the unit's form (escort/wagtail_hooks.BookingForm), not Wagtail's default one that
    listed every account of the portal."""
    UserFactory(email="vatandas@example.org", first_name="Başka", last_name="Vatandaş")
    visit = booking(offices[0], visitor_name="Emine Öztürk")
    client.force_login(escort_user)
    form = client.get(f"/admin/escort/bookings/edit/{visit.pk}/").context["form"]
    assert list(form.fields["escort"].queryset) == [escort_user]
    assert "Vatandaş" not in str(form["escort"])
