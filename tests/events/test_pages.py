import datetime
from urllib.parse import quote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.dateformat import format as date_format

from assemblies.coordinators import ensure_coordinator_group
from events import recurrence
from events.models import EventPage, Registration
from tests.conftest import publish
from tests.events.conftest import at, make_event
from tests.factories import AssemblyPageFactory, UserFactory


def soon(days, hour=18, minute=30):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return recurrence.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


@pytest.mark.django_db
def test_calendar_page_shows_the_month_upcoming_events_and_feed_links(client, calendar_page, assembly):
    make_event(calendar_page, title="Bilgilendirme toplantısı", starts_at=soon(2))
    make_event(assembly, title="Kadın Meclisi atölyesi", starts_at=soon(3), repeat="weekly", repeat_count=3)
    make_event(calendar_page, title="İptal edilen yarışma", starts_at=soon(4), status="cancelled")
    response = client.get("/etkinlikler/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<link rel="alternate" type="text/calendar"' in html and 'href="http://testserver/takvim.ics"' in html
    assert 'href="webcal://testserver/takvim.ics"' in html
    assert '<table class="month">' in html and 'aria-current="date"' in html
    upcoming = [(o.event.title, o.is_cancelled) for o in response.context["cal"]["upcoming"]]
    assert upcoming[:3] == [
        ("Bilgilendirme toplantısı", False),
        ("Kadın Meclisi atölyesi", False),
        ("İptal edilen yarışma", True),
    ]
    assert "İptal edildi" in html


@pytest.mark.django_db
def test_filters_and_month_navigation(client, calendar_page, assembly):
    make_event(calendar_page, title="Konsey toplantısı", starts_at=at(2027, 5, 10, 18), category="assembly_meeting")
    make_event(assembly, title="Girişimcilik atölyesi", starts_at=at(2027, 5, 12, 14), category="workshop")

    def titles(query):
        response = client.get("/etkinlikler/" + query)
        return sorted(
            {o.event.title for week in response.context["cal"]["weeks"] for day in week for o in day["occurrences"]}
        )

    assert titles("?ay=2027-05") == ["Girişimcilik atölyesi", "Konsey toplantısı"]
    assert titles("?ay=2027-05&meclis=kadin-meclisi") == ["Girişimcilik atölyesi"]
    assert titles("?ay=2027-05&kategori=assembly_meeting") == ["Konsey toplantısı"]
    assert titles("?ay=2027-06") == []
    assert client.get("/etkinlikler/?ay=bozuk&kategori=yok").status_code == 200
    assert client.get("/etkinlikler/?ay=2027-05").context["cal"]["next_month"] == "2027-06"


@pytest.mark.django_db
def test_past_events_are_listed_newest_first(client, calendar_page):
    make_event(calendar_page, title="Eski toplantı", starts_at=soon(-40))
    make_event(calendar_page, title="Yakın geçmiş", starts_at=soon(-3))
    response = client.get("/etkinlikler/?gecmis=1")
    assert [o.event.title for o in response.context["cal"]["past_page"]] == ["Yakın geçmiş", "Eski toplantı"]


@pytest.mark.django_db
def test_the_assembly_page_carries_its_own_calendar_and_feed(client, calendar_page, assembly):
    make_event(assembly, title="Girişimcilik atölyesi", starts_at=soon(3))
    make_event(calendar_page, title="Konsey toplantısı", starts_at=soon(4))
    html = client.get("/meclisler/kadin-meclisi/").content.decode()
    head = html.split("</head>")[0]
    assert 'type="text/calendar"' in head and "/takvim/kadin-meclisi.ics" in head
    assert "Girişimcilik atölyesi" in html and "Konsey toplantısı" not in html
    assert '<table class="month">' in html


@pytest.mark.django_db
def test_event_page_offers_ics_google_and_registration(client, calendar_page):
    event = make_event(
        calendar_page,
        title="Bilgilendirme toplantısı",
        starts_at=soon(5),
        registration="signed_in",
        capacity=10,
        sign_language=True,
    )
    html = client.get(event.url).content.decode()
    assert f'href="/takvim/etkinlik/{event.pk}.ics"' in html
    assert "calendar.google.com/calendar/render?action=TEMPLATE" in html
    assert "10 yer kaldı." in html and "İşaret dili tercümanı" in html
    assert f'href="{event.url}kayit/"' in html


@pytest.mark.django_db
def test_registering_through_the_site(client, calendar_page):
    event = make_event(calendar_page, title="Atölye", starts_at=soon(5), registration="signed_in", capacity=1)
    register_url = event.url + "kayit/"
    response = client.get(register_url)
    assert response["Location"] == "/accounts/login/?next=" + quote(event.url + "#kayit")
    first, second = UserFactory(), UserFactory()
    client.force_login(first)
    client.post(register_url)
    registration = Registration.objects.get(user=first)
    assert registration.status == "confirmed"
    page = client.get(event.url).content.decode()
    assert registration.code in page
    client.force_login(second)
    assert "Bekleme listesine katıl" in client.get(event.url).content.decode()
    client.post(register_url)
    assert Registration.objects.get(user=second).status == "waitlisted"
    client.force_login(first)
    client.post(register_url, {"action": "cancel"})
    assert Registration.objects.get(user=second).status == "confirmed"
    mine = client.get("/accounts/events/")
    assert mine.status_code == 200


@pytest.mark.django_db
def test_month_page_queries_do_not_grow_with_events(client, calendar_page, assembly):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/etkinlikler/?ay=2027-05").status_code == 200
        return len(queries)

    for day in range(1, 6):
        make_event(assembly if day % 2 else calendar_page, title=f"Etkinlik {day}", starts_at=at(2027, 5, day, 10))
    count()  # the first request also creates the site's settings rows
    count()  # and the second finds the page's frame cached (theme/chrome.py)
    few = count()
    for day in range(1, 25):
        make_event(
            assembly if day % 2 else calendar_page,
            title=f"Ek {day}",
            starts_at=at(2027, 5, day, 14),
            repeat="weekly",
            repeat_count=3,
        )
    count()  # publishing the events reset the page's frame: cache it again
    assert count() == few


@pytest.mark.django_db
def test_home_page_lists_the_next_events(client, calendar_page):
    make_event(calendar_page, title="Yaklaşan konser", starts_at=soon(1))
    make_event(calendar_page, title="İptal edilen konser", starts_at=soon(2), status="cancelled")
    html = client.get("/").content.decode()
    assert "Yaklaşan konser" in html and "İptal edilen konser" not in html


@pytest.mark.django_db
def test_coordinators_add_events_only_in_their_own_assembly(client, assembly_index):
    kadin = publish(AssemblyPageFactory(parent=assembly_index, title="Kadın Meclisi", slug="kadin-meclisi"))
    genclik = publish(AssemblyPageFactory(parent=assembly_index, title="Gençlik Meclisi", slug="genclik-meclisi"))
    coordinator = UserFactory()
    coordinator.groups.add(ensure_coordinator_group(kadin))
    ensure_coordinator_group(genclik)
    client.force_login(coordinator)
    assert client.get(f"/admin/pages/add/events/eventpage/{kadin.pk}/").status_code == 200
    assert client.get(f"/admin/pages/add/events/eventpage/{genclik.pk}/").status_code in (302, 403)
    other = make_event(genclik, title="Gençlik buluşması", starts_at=soon(3))
    assert client.get(f"/admin/pages/{other.pk}/edit/").status_code in (302, 403)
    assert EventPage.objects.count() == 1


@pytest.mark.django_db
def test_one_click_registers_from_the_event_page_itself(client, calendar_page):
    event = make_event(calendar_page, title="Atölye", starts_at=soon(5), registration="signed_in", capacity=5)
    person = UserFactory()
    client.force_login(person)
    html = client.get(event.url).content.decode()
    # The button is a POST form on the event page: nothing to fill in, so no page in between.
    form = html.split('id="kayit"')[1].split("</form>")[0]
    assert f'<form method="post" action="{event.url}kayit/">' in form and "Kayıt ol</button>" in form
    response = client.post(event.url + "kayit/")
    assert response["Location"] == event.url + "#kayit"
    registration = Registration.objects.get(user=person)
    assert registration.status == "confirmed" and registration.occurrence_date == event.starts_at.date()
    assert registration.code in client.get(event.url).content.decode()
    # The old address of the confirmation page leads back to the event page.
    assert client.get(event.url + "kayit/")["Location"] == event.url + "#kayit"


@pytest.mark.django_db
def test_signed_out_the_button_says_why_and_leads_back_after_log_in(client, calendar_page):
    event = make_event(calendar_page, title="Atölye", starts_at=soon(5), registration="signed_in")
    html = client.get(event.url).content.decode()
    assert "Kayıt için oturum açın" in html and "bu sayfaya dönersiniz" in html
    response = client.get(event.url + "kayit/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/login/")
    assert "“Atölye” etkinliğine kaydolmak için lütfen oturum açın" in response.content.decode()


@pytest.mark.django_db
def test_a_repeating_event_lets_the_person_choose_the_date(client, calendar_page):
    from events import reminders

    first = soon(2, hour=14)
    event = make_event(
        calendar_page,
        title="Haftalık atölye",
        starts_at=first,
        registration="signed_in",
        repeat="weekly",
        repeat_count=6,
    )
    dates = [(first + datetime.timedelta(weeks=week)).date() for week in range(6)]
    person = UserFactory()
    client.force_login(person)
    html = client.get(event.url).content.decode()
    for day in dates:
        assert f'name="tarih" id="tarih-{dates.index(day) + 1}" value="{day.isoformat()}"' in html
    assert 'value="' + dates[0].isoformat() + '" checked' in html  # one click still books the next date

    # A date that is not one of the series' coming dates is refused with a word of why.
    response = client.post(event.url + "kayit/", {"tarih": (dates[2] + datetime.timedelta(days=1)).isoformat()})
    assert not Registration.objects.exists()
    assert "Lütfen gelecek tarihlerden birini seçin." in client.get(response["Location"]).content.decode()

    client.post(event.url + "kayit/", {"tarih": dates[2].isoformat()})
    registration = Registration.objects.get(user=person)
    assert registration.occurrence_date == dates[2]
    page = client.get(event.url).content.decode()
    assert "yeriniz var" in page and date_format(first + datetime.timedelta(weeks=2), "j F Y") in page
    mine = client.get("/accounts/events/").content.decode()
    assert date_format(first + datetime.timedelta(weeks=2), "j F Y, l") in mine

    # The reminder goes out the day before the chosen date only.
    assert reminders.send_due(today=dates[0] - datetime.timedelta(days=1)) == 0
    assert reminders.send_due(today=dates[2] - datetime.timedelta(days=1)) == 1


@pytest.mark.django_db
def test_the_waitlist_position_is_shown(client, calendar_page):
    from events import registrations

    event = make_event(calendar_page, title="Atölye", starts_at=soon(5), registration="signed_in", capacity=1)
    people = [UserFactory() for _ in range(3)]
    for person in people:
        registrations.register(event, person)
    client.force_login(people[2])
    assert "Bekleme listesinde 2. sıradasınız" in client.get(event.url).content.decode()
    assert "Bekleme listesinde, 2. sırada" in client.get("/accounts/events/").content.decode()


@pytest.mark.django_db
def test_upcoming_lists_show_a_series_once_with_its_recurrence(client, calendar_page, assembly):
    make_event(assembly, title="Haftalık atölye", starts_at=soon(1, hour=14), repeat="weekly", repeat_count=8)
    make_event(calendar_page, title="Konser", starts_at=soon(3))
    for path in ["/etkinlikler/", "/meclisler/kadin-meclisi/"]:
        response = client.get(path)
        upcoming = [o.event.title for o in response.context["cal"]["upcoming"]]
        assert upcoming.count("Haftalık atölye") == 1, path
        listing = response.content.decode().split("Yaklaşan etkinlikler")[1]
        assert listing.count("Haftalık atölye") == 1 and "Her hafta" in listing, path
    # The month grid still shows each date.
    month = client.get("/etkinlikler/?ay=" + soon(1).strftime("%Y-%m")).context["cal"]["weeks"]
    in_grid = [o for week in month for day in week for o in day["occurrences"] if o.event.title == "Haftalık atölye"]
    assert len({o.starts_at for o in in_grid}) >= 3
    home = client.get("/").content.decode().split('id="events-title"')[1].split("</section>")[0]
    assert home.count("Haftalık atölye") == 1 and "Her hafta" in home and "Konser" in home
