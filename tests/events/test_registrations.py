import threading

import pytest
from django.core import mail
from django.db import connection, connections

from assemblies.models import Membership
from events import registrations
from events.models import Registration
from tests.conftest import publish
from tests.events.conftest import at, make_event
from tests.factories import UserFactory


@pytest.fixture
def small_event(calendar_page):
    return make_event(calendar_page, title="Atölye", starts_at=at(2027, 3, 1, 10), registration="signed_in", capacity=2)


@pytest.mark.django_db
def test_full_events_waitlist_and_a_cancellation_promotes_the_first_waiting(
    small_event, django_capture_on_commit_callbacks
):
    people = [UserFactory() for _ in range(4)]
    statuses = [registrations.register(small_event, person).status for person in people]
    assert statuses == ["confirmed", "confirmed", "waitlisted", "waitlisted"]
    codes = set(Registration.objects.values_list("code", flat=True))
    assert len(codes) == 4 and all(len(code) == 6 for code in codes)

    mail.outbox.clear()
    first = Registration.objects.get(user=people[0])
    with django_capture_on_commit_callbacks(execute=True):
        promoted = registrations.cancel(first)
    assert [r.user for r in promoted] == [people[2]]
    assert Registration.objects.get(user=people[2]).status == "confirmed"
    assert Registration.objects.get(user=people[3]).status == "waitlisted"
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert subjects[people[2].email] == "[Ümraniye Kent Konseyi] Size yer açıldı: Atölye"
    assert subjects[people[0].email] == "[Ümraniye Kent Konseyi] Kaydınız iptal edildi: Atölye"


@pytest.mark.django_db
def test_more_places_on_publish_move_people_off_the_waitlist(small_event):
    people = [UserFactory() for _ in range(3)]
    for person in people:
        registrations.register(small_event, person)
    small_event.capacity = 3
    publish(small_event)
    assert Registration.objects.filter(status="confirmed").count() == 3


@pytest.mark.django_db
def test_registering_twice_is_refused(small_event):
    person = UserFactory()
    registrations.register(small_event, person)
    with pytest.raises(registrations.RegistrationError, match="zaten kayıtlısınız"):
        registrations.register(small_event, person)


@pytest.mark.django_db
def test_members_only_events_accept_approved_members_of_that_assembly(assembly):
    event = make_event(assembly, title="Meclis toplantısı", starts_at=at(2027, 3, 1, 10), registration="members")
    outsider, applicant, member = UserFactory(), UserFactory(), UserFactory()
    Membership.objects.create(assembly=assembly, user=applicant, full_name="A", email=applicant.email, state="applied")
    Membership.objects.create(assembly=assembly, user=member, full_name="M", email=member.email, state="approved")
    for person in (outsider, applicant):
        with pytest.raises(registrations.RegistrationError, match="Yalnızca Kadın Meclisi üyeleri"):
            registrations.register(event, person)
    assert registrations.register(event, member).status == "confirmed"


@pytest.mark.django_db
def test_closed_or_cancelled_events_take_no_registrations(calendar_page):
    past = make_event(calendar_page, title="Geçmiş", starts_at=at(2020, 1, 1, 10), registration="signed_in")
    cancelled = make_event(
        calendar_page, title="İptal", starts_at=at(2027, 1, 1, 10), registration="signed_in", status="cancelled"
    )
    with pytest.raises(registrations.RegistrationError, match="kayıtları kapandı"):
        registrations.register(past, UserFactory())
    with pytest.raises(registrations.RegistrationError, match="iptal edildi"):
        registrations.register(cancelled, UserFactory())


@pytest.mark.django_db
def test_registered_people_are_told_when_the_event_changes_or_is_cancelled(
    small_event, django_capture_on_commit_callbacks
):
    person = UserFactory()
    registrations.register(small_event, person)
    mail.outbox.clear()
    small_event.title = "Atölye (yeni başlık)"
    with django_capture_on_commit_callbacks(execute=True):
        publish(small_event)
    assert mail.outbox == []  # a new title is not a change people plan around
    small_event.starts_at, small_event.ends_at = at(2027, 3, 2, 10), at(2027, 3, 2, 12)
    with django_capture_on_commit_callbacks(execute=True):
        publish(small_event)
    assert mail.outbox[-1].subject == "[Ümraniye Kent Konseyi] Değişiklik: Atölye (yeni başlık)"
    assert "2 Mart 2027" in mail.outbox[-1].body
    small_event.status = "cancelled"
    with django_capture_on_commit_callbacks(execute=True):
        publish(small_event)
    assert mail.outbox[-1].subject == "[Ümraniye Kent Konseyi] İptal edildi: Atölye (yeni başlık)"


@pytest.mark.django_db
def test_reminders_go_out_once_the_day_before(calendar_page):
    import datetime

    from events import reminders

    event = make_event(
        calendar_page,
        title="Koro provası",
        starts_at=at(2027, 3, 2, 15),
        registration="signed_in",
        repeat="weekly",
        repeat_count=3,
    )
    person, other = UserFactory(), UserFactory()
    registrations.register(event, person)  # no date given: the series' next
    registrations.register(event, other, datetime.date(2027, 3, 9))
    mail.outbox.clear()
    assert reminders.send_due(today=datetime.date(2027, 3, 1)) == 1
    assert reminders.send_due(today=datetime.date(2027, 3, 1)) == 0  # never twice
    assert mail.outbox[0].subject == "[Ümraniye Kent Konseyi] Yarın: Koro provası"
    assert mail.outbox[0].to == [person.email]
    assert reminders.send_due(today=datetime.date(2027, 3, 8)) == 1  # the date the other person chose
    assert mail.outbox[1].to == [other.email]
    assert reminders.send_due(today=datetime.date(2027, 3, 3)) == 0


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks under real concurrency need PostgreSQL")
def test_fifty_simultaneous_registrations_for_twenty_places(calendar_page):
    event = make_event(
        calendar_page, title="Konser", starts_at=at(2027, 3, 1, 20), registration="signed_in", capacity=20
    )
    people = [UserFactory() for _ in range(50)]
    start = threading.Barrier(len(people))
    errors = []

    def register(person):
        try:
            start.wait()
            registrations.register(event, person)
        except Exception as error:  # collected, then asserted empty
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert Registration.objects.filter(event=event, status="confirmed").count() == 20
    assert Registration.objects.filter(event=event, status="waitlisted").count() == 30


@pytest.fixture
def english_choir(calendar_page, english_home_page, locales):
    """A weekly rehearsal in Turkish, and its English page."""
    from tests.conftest import translate

    series = {"registration": "signed_in", "repeat": "weekly", "repeat_count": 3}
    event = make_event(calendar_page, title="Koro provası", starts_at=at(2027, 3, 2, 15), **series)
    translate(calendar_page, locales[1], title="Events", slug="events")
    english = translate(
        event,
        locales[1],
        title="Choir rehearsal",
        slug="choir-rehearsal",
        summary="Sing with us.",
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        **series,
    )
    return event, english


@pytest.mark.django_db
def test_who_registered_in_english_is_reminded_and_told_of_changes_in_english(
    client, english_choir, django_capture_on_commit_callbacks
):
    import datetime

    from events import reminders

    event, english = english_choir
    reader, turkish_reader = UserFactory(), UserFactory()
    client.force_login(reader)
    response = client.post(english.url + "kayit/", {"tarih": "2027-03-02"})
    assert response.status_code == 302
    assert Registration.objects.get(user=reader).language == "en"
    client.force_login(turkish_reader)
    client.post(event.url + "kayit/", {"tarih": "2027-03-02"})
    assert mail.outbox[0].subject == "[Ümraniye Kent Konseyi] You are registered: Choir rehearsal"

    mail.outbox.clear()
    assert reminders.send_due(today=datetime.date(2027, 3, 1)) == 2
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert subjects[reader.email] == "[Ümraniye Kent Konseyi] Tomorrow: Choir rehearsal"
    assert subjects[turkish_reader.email] == "[Ümraniye Kent Konseyi] Yarın: Koro provası"
    english_mail = next(message for message in mail.outbox if message.to == [reader.email])
    assert "Tuesday" in english_mail.body and "/en/events/choir-rehearsal/" in english_mail.body

    mail.outbox.clear()
    event.venue_name = "Kültür Merkezi"
    with django_capture_on_commit_callbacks(execute=True):
        publish(event)
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert subjects[reader.email] == "[Ümraniye Kent Konseyi] Changed: Choir rehearsal"
    assert subjects[turkish_reader.email] == "[Ümraniye Kent Konseyi] Değişiklik: Koro provası"


@pytest.fixture
def weekly_class(calendar_page):
    """A weekly class with one place on each of its dates: 2, 9 and 16 March 2027."""
    return make_event(
        calendar_page,
        title="Bilgisayar kursu",
        starts_at=at(2027, 3, 2, 15),
        registration="signed_in",
        capacity=1,
        repeat="weekly",
        repeat_count=3,
    )


@pytest.mark.django_db
def test_each_date_of_a_series_has_its_own_places_and_waitlist(weekly_class, django_capture_on_commit_callbacks):
    import datetime

    first, second = datetime.date(2027, 3, 2), datetime.date(2027, 3, 9)
    ayse, fatma, elif_, zeynep = (UserFactory() for _ in range(4))
    assert registrations.register(weekly_class, ayse, first).status == "confirmed"
    assert registrations.register(weekly_class, fatma, first).status == "waitlisted"
    # The first date being full does not fill the second.
    assert registrations.register(weekly_class, elif_, second).status == "confirmed"
    assert registrations.register(weekly_class, zeynep, second).status == "waitlisted"
    waiting = Registration.objects.get(user=zeynep)
    assert registrations.waitlist_position(waiting) == 1  # first in the second date's line

    state = registrations.state_for(weekly_class, UserFactory())
    assert [(o.series_date, o.places_left) for o in state.dates] == [
        (first, 0),
        (second, 0),
        (datetime.date(2027, 3, 16), 1),
    ]
    assert not state.waitlist  # the third date still has its place

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        promoted = registrations.cancel(Registration.objects.get(user=elif_))
    assert [registration.user for registration in promoted] == [zeynep]  # not Fatma, who waits for another date
    assert Registration.objects.get(user=fatma).status == "waitlisted"
    assert [message.to for message in mail.outbox if "yer açıldı" in message.subject] == [[zeynep.email]]


@pytest.mark.django_db
def test_cancelling_or_moving_one_date_tells_who_registered_for_it_and_raises_the_sequence(
    client, weekly_class, english_home_page, locales, django_capture_on_commit_callbacks
):
    import datetime

    from django.utils import translation
    from icalendar import Calendar

    from events.models import EventException

    first, second, third = datetime.date(2027, 3, 2), datetime.date(2027, 3, 9), datetime.date(2027, 3, 16)
    on_first, on_second, on_third = UserFactory(), UserFactory(), UserFactory()
    registrations.register(weekly_class, on_first, first)
    registrations.register(weekly_class, on_second, second)
    with translation.override("en"):
        registrations.register(weekly_class, on_third, third)
    sequence = weekly_class.sequence

    mail.outbox.clear()
    weekly_class.exceptions = [EventException(occurrence_date=second, action="cancelled")]
    with django_capture_on_commit_callbacks(execute=True):
        publish(weekly_class)
    assert weekly_class.sequence == sequence + 1
    assert [(message.to, message.subject) for message in mail.outbox] == [
        ([on_second.email], "[Ümraniye Kent Konseyi] Bir tarih iptal edildi: Bilgisayar kursu")
    ]
    assert "9 Mart 2027" in mail.outbox[0].body
    client.force_login(on_second)
    page = client.get(weekly_class.url).content.decode()
    assert "Kayıt olduğunuz 9 Mart 2027, Salı tarihi iptal edildi." in page
    mine = client.get("/accounts/events/").content.decode()
    assert "Bu tarih yapılmayacak" in mine and "Kayıtlı" not in mine  # not "registered" beside "cancelled"

    mail.outbox.clear()
    weekly_class.exceptions = list(weekly_class.exceptions.all()) + [
        EventException(
            occurrence_date=third, action="moved", new_starts_at=at(2027, 3, 17, 18), new_ends_at=at(2027, 3, 17, 20)
        )
    ]
    with django_capture_on_commit_callbacks(execute=True):
        publish(weekly_class)
    assert weekly_class.sequence == sequence + 2
    assert [message.to for message in mail.outbox] == [[on_third.email]]  # in the language she registered in
    assert mail.outbox[0].subject == "[Ümraniye Kent Konseyi] Changed: Bilgisayar kursu"
    assert "17 March 2027" in mail.outbox[0].body and "16 March 2027" in mail.outbox[0].body

    calendar = Calendar.from_ical(weekly_class.ical_component.join(["BEGIN:VCALENDAR\r\n", "END:VCALENDAR\r\n"]))
    components = calendar.walk("VEVENT")
    assert [int(component["SEQUENCE"]) for component in components] == [sequence + 2, sequence + 2]
    master, moved = components
    assert [d.dt for d in master["EXDATE"].dts] == [at(2027, 3, 9, 15)]
    assert moved.decoded("RECURRENCE-ID") == at(2027, 3, 16, 15) and moved.decoded("DTSTART") == at(2027, 3, 17, 18)

    # Publishing again without touching the dates changes nothing and tells nobody.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        publish(weekly_class)
    assert weekly_class.sequence == sequence + 2 and mail.outbox == []


@pytest.mark.django_db
def test_an_apostrophe_in_a_title_reaches_the_email_as_written(calendar_page, django_capture_on_commit_callbacks):
    event = make_event(
        calendar_page, title="Ümraniye'de gençlik buluşması", starts_at=at(2027, 3, 1, 10), registration="signed_in"
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        registrations.register(event, UserFactory())
    (message,) = mail.outbox
    assert "Ümraniye'de gençlik buluşması" in message.subject and "Ümraniye'de gençlik buluşması" in message.body
    assert "&#x27;" not in message.subject + message.body


@pytest.mark.django_db
def test_the_data_download_gives_the_date_the_person_chose_in_a_series(weekly_class):
    import datetime

    from accounts import personal_data
    from events.models import EventException

    person = UserFactory()
    registrations.register(weekly_class, person, datetime.date(2027, 3, 16))
    weekly_class.exceptions = [
        EventException(
            occurrence_date=datetime.date(2027, 3, 16),
            action="moved",
            new_starts_at=at(2027, 3, 17, 18),
            new_ends_at=at(2027, 3, 17, 20),
        )
    ]
    publish(weekly_class)
    (entry,) = personal_data.export(person)["event_registrations"]
    assert datetime.datetime.fromisoformat(entry["starts_at"]) == at(2027, 3, 17, 18)
    assert entry["date_cancelled"] is False
