"""Convening the council's meetings: who is invited, when invitations may go out, the .ics and the calendar,
the admin's scope, and the public meetings pages (council/meetings.py, admin_meetings.py, public/meetings.py)."""

import datetime

import icalendar
import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from council import access, meetings
from council.models import Body, CouncilPage, Meeting, Organisation, Seat
from events import recurrence
from events.models import CalendarPage, EventPage
from outbox import sms
from outbox.models import Message, TextMessage
from tests.conftest import publish
from tests.factories import UserFactory


def at(year, month, day, hour=0, minute=0):
    """An Istanbul wall-clock time."""
    return recurrence.make_aware(datetime.datetime(year, month, day, hour, minute))


FUTURE = at(2030, 3, 12, 14, 0)


@pytest.fixture(autouse=True)
def sms_outbox(settings):
    settings.SMS_BACKEND = "outbox.sms.LocmemBackend"
    settings.SMS_OPTIONS = {}
    sms.outbox.clear()
    yield sms.outbox
    sms.outbox.clear()


@pytest.fixture
def calendar_page(home_page):
    return publish(CalendarPage(title="Etkinlikler", slug="etkinlikler", show_in_menus=True), parent=home_page)


@pytest.fixture
def council_page(home_page):
    return publish(CouncilPage(title="Kurullar ve Görüşler", slug="kurullar"), parent=home_page)


@pytest.fixture
def chamber(db):
    return Organisation.objects.create(name="Mimarlar Odası", kind=Organisation.Kind.CHAMBER)


def make_body(name, slug, notice_days=7, **fields):
    fields.setdefault("kind", Body.Kind.GENERAL_ASSEMBLY)
    return Body.objects.create(name=name, slug=slug, notice_days=notice_days, **fields)


def seat(body, name="", email="", phone="", **fields):
    return Seat.objects.create(body=body, holder_name=name, holder_email=email, holder_phone=phone, **fields)


@pytest.fixture
def general(db, chamber):
    body = make_body("Genel Kurul", "genel-kurul", notice_days=7)
    seat(body, "Ayla Demirtaş", "ayla@example.org", "0532 111 22 33", organisation=chamber)
    seat(body, "Kemal Sarıgül", "kemal@example.org")
    seat(body)  # vacant
    seat(body, "Eski Üye", "eski@example.org", ends_on=datetime.date(2020, 12, 31))  # a past term
    return body


@pytest.fixture
def executive(db):
    body = make_body("Yürütme Kurulu", "yurutme-kurulu", notice_days=3, kind=Body.Kind.EXECUTIVE)
    seat(body, "Ayla Demirtaş", "ayla@example.org", "0532 111 22 33")
    seat(
        body,
        "Nuri Ekinci",
        "nuri@example.org",
        substitute_name="Selin Yedek",
        substitute_email="selin@example.org",
        substitute_phone="0533 444 55 66",
    )
    seat(body, "Tarık Yedeksiz", "tarik@example.org", substitute_name="Adı Var E-postası Yok")
    return body


def recipients():
    return sorted(message.recipient for message in Message.objects.all())


# Who is invited


@pytest.mark.django_db
def test_a_member_of_two_bodies_is_invited_to_both_bodies_meetings(
    general, executive, calendar_page, council_page, django_capture_on_commit_callbacks
):
    first = meetings.convene(general, FUTURE, "Meclis Salonu", [("Açılış", "", [])])
    second = meetings.convene(executive, FUTURE + datetime.timedelta(days=1), "Toplantı Odası")
    now = FUTURE - datetime.timedelta(days=10)

    with django_capture_on_commit_callbacks(execute=True):
        meetings.send_invitations(first, now=now)
        meetings.send_invitations(second, now=now)

    ayla = Message.objects.filter(recipient="ayla@example.org").order_by("pk")
    assert [message.subject for message in ayla] == [
        "[Ümraniye Kent Konseyi] Davet: 12 Mart 2030 tarihinde Genel Kurul toplantısı",
        "[Ümraniye Kent Konseyi] Davet: 13 Mart 2030 tarihinde Yürütme Kurulu toplantısı",
    ]
    assert [text.to for text in sms.outbox] == ["+905321112233", "+905321112233", "+905334445566"]


@pytest.mark.django_db
def test_vacant_seats_and_past_terms_are_not_invited(general, calendar_page, council_page):
    meeting = meetings.convene(general, FUTURE, "Meclis Salonu")

    invited = meetings.send_invitations(meeting, now=FUTURE - datetime.timedelta(days=8))

    assert [person.name for person in invited] == ["Ayla Demirtaş", "Kemal Sarıgül"]
    assert recipients() == ["ayla@example.org", "kemal@example.org"]


@pytest.mark.django_db
def test_a_substitute_is_invited_only_with_an_email_address_and_is_told_why(executive, calendar_page, council_page):
    meeting = meetings.convene(executive, FUTURE, "Toplantı Odası")

    invited = meetings.send_invitations(meeting, now=FUTURE - datetime.timedelta(days=5))

    assert [(person.name, person.is_substitute) for person in invited] == [
        ("Ayla Demirtaş", False),
        ("Nuri Ekinci", False),
        ("Selin Yedek", True),
        ("Tarık Yedeksiz", False),
    ]
    letter = Message.objects.get(recipient="selin@example.org")
    assert "Nuri Ekinci adlı üyenin yedeği" in letter.body
    assert "Adı Var" not in " ".join(recipients())


# When invitations may go out


@pytest.mark.django_db
def test_invitations_go_out_at_the_last_moment_of_the_notice_and_not_a_second_later(general, calendar_page):
    deadline = FUTURE - datetime.timedelta(days=7)
    late = meetings.convene(general, FUTURE, "Meclis Salonu")
    in_time = meetings.convene(general, FUTURE, "Meclis Salonu")

    with pytest.raises(ValidationError) as refusal:
        meetings.send_invitations(late, now=deadline + datetime.timedelta(seconds=1))
    assert "en az 7 gün önce" in refusal.value.messages[0]
    assert "05.03.2030 14:00" in refusal.value.messages[0]
    late.refresh_from_db()
    assert late.invitations_sent_at is None
    assert Message.objects.count() == 0

    meetings.send_invitations(in_time, now=deadline)
    in_time.refresh_from_db()
    assert in_time.invitations_sent_at == deadline


@pytest.mark.django_db
def test_an_extraordinary_meeting_may_be_convened_at_short_notice_but_not_after_it_began(general, calendar_page):
    meeting = meetings.convene(general, FUTURE, "Meclis Salonu", kind=Meeting.Kind.EXTRAORDINARY)

    assert meetings.timing_problem(meeting, now=FUTURE - datetime.timedelta(hours=3)) is None
    assert "başladı" in meetings.timing_problem(meeting, now=FUTURE)

    meetings.send_invitations(meeting, now=FUTURE - datetime.timedelta(hours=3))
    assert "olağanüstü" in Message.objects.first().body
    with pytest.raises(ValidationError):  # and only once
        meetings.send_invitations(meeting, now=FUTURE - datetime.timedelta(hours=2))


# The invitation's contents, the .ics and the calendar


@pytest.mark.django_db
def test_the_invitation_carries_the_agenda_and_an_ics_with_the_istanbul_time(general, calendar_page, council_page):
    meeting = meetings.convene(
        general,
        FUTURE,
        "Meclis Salonu",
        [("Sokak hayvanları", "Veteriner İşleri Müdürlüğü bilgi verecek.", []), ("Moloz toplama", "", [])],
        address="Atatürk Mah., Ümraniye",
    )
    meetings.send_invitations(meeting, now=FUTURE - datetime.timedelta(days=8))

    letter = Message.objects.get(recipient="kemal@example.org")
    assert "1. Sokak hayvanları" in letter.body
    assert "Veteriner İşleri Müdürlüğü bilgi verecek." in letter.body
    assert "2. Moloz toplama" in letter.body
    assert "12 Mart 2030 Salı, 14:00" in letter.body
    assert f"/kurullar/toplantilar/{meeting.pk}/" in letter.body
    [attachment] = letter.attachments
    calendar = icalendar.Calendar.from_ical(attachment["content"])
    [event] = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == FUTURE
    assert str(event["dtstart"].params["TZID"]) == "Europe/Istanbul"
    assert event.decoded("dtstart").astimezone(datetime.UTC).hour == 11
    assert "Sokak hayvanları" in str(event["description"])
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/Istanbul"

    mail.outbox.clear()
    from outbox import mail as outbox_mail

    outbox_mail.deliver(letter.pk, force=True)
    [sent] = mail.outbox
    assert sent.attachments[0][0] == "toplanti.ics"


@pytest.mark.django_db
def test_the_meeting_appears_in_the_calendar_feed_and_is_cancelled_with_it(
    client, general, calendar_page, council_page
):
    meeting = meetings.convene(general, FUTURE, "Meclis Salonu", [("Açılış", "", [])])
    meetings.send_invitations(meeting, now=FUTURE - datetime.timedelta(days=8))
    meeting.refresh_from_db()

    event = meeting.event
    assert event.get_parent().specific == calendar_page
    assert event.live and event.registration == EventPage.Registration.NONE
    assert f"/kurullar/toplantilar/{meeting.pk}/" in str(event.body)
    assert "Toplantının gündemi ve onaylandığında tutanağı" in str(event.body)
    feed = client.get("/takvim.ics").content.decode()
    [entry] = icalendar.Calendar.from_ical(feed).walk("VEVENT")
    assert entry.decoded("dtstart") == FUTURE
    assert str(entry["summary"]) == "Genel Kurul — 12.03.2030"

    meetings.cancel(meeting, now=FUTURE - datetime.timedelta(days=2))

    event.refresh_from_db()
    assert event.status == EventPage.Status.CANCELLED
    feed = client.get("/takvim.ics").content.decode()
    assert "STATUS:CANCELLED" in feed
    cancelled = Message.objects.filter(subject__startswith="[Ümraniye Kent Konseyi] İptal")
    assert sorted(message.recipient for message in cancelled) == ["ayla@example.org", "kemal@example.org"]


@pytest.mark.django_db
def test_an_assembly_boards_meeting_is_in_its_assemblys_calendar(assembly, calendar_page):
    board = make_body("Kadın Meclisi Yürütme Kurulu", "kadin-yurutme", kind=Body.Kind.ASSEMBLY_BOARD, assembly=assembly)
    seat(board, "Zehra Kılıç", "zehra@example.org")
    meeting = meetings.convene(board, FUTURE, "Kadın Meclisi Salonu")

    meetings.send_invitations(meeting, now=FUTURE - datetime.timedelta(days=8))

    meeting.refresh_from_db()
    assert meeting.event.get_parent().specific == assembly


@pytest.mark.django_db
def test_moving_the_meeting_after_the_invitations_tells_the_invited_people(
    general, calendar_page, council_page, django_capture_on_commit_callbacks
):
    meeting = meetings.convene(general, FUTURE, "Meclis Salonu")
    meetings.send_invitations(meeting, now=FUTURE - datetime.timedelta(days=8))
    meeting.refresh_from_db()
    sequence = meeting.event.sequence
    Message.objects.all().delete()
    sms.outbox.clear()

    previous = meetings.snapshot(meeting)
    meeting.starts_at = FUTURE + datetime.timedelta(hours=2)
    meeting.save()
    with django_capture_on_commit_callbacks(execute=True):
        told = meetings.after_edit(meeting, previous)

    assert [person.name for person in told] == ["Ayla Demirtaş", "Kemal Sarıgül"]
    assert recipients() == ["ayla@example.org", "kemal@example.org"]
    assert "16:00" in Message.objects.first().body
    assert [text.to for text in sms.outbox] == ["+905321112233"]
    meeting.event.refresh_from_db()
    assert meeting.event.starts_at == FUTURE + datetime.timedelta(hours=2)
    assert meeting.event.sequence == sequence + 1

    # A change of the title alone tells nobody.
    Message.objects.all().delete()
    previous = meetings.snapshot(meeting)
    meeting.title = "Olağan Genel Kurul"
    meeting.save()
    assert meetings.after_edit(meeting, previous) == []
    assert Message.objects.count() == 0


@pytest.mark.django_db
def test_a_text_message_that_fails_is_kept_and_retried(
    general, calendar_page, settings, django_capture_on_commit_callbacks
):
    settings.OUTBOX_RETRIES = [60]
    sms.LocmemBackend.failures_left = 1
    try:
        meeting = meetings.convene(general, FUTURE, "Meclis Salonu")
        with django_capture_on_commit_callbacks(execute=True):
            meetings.send_invitations(meeting, now=FUTURE - datetime.timedelta(days=8))
        text = TextMessage.objects.get()
        assert text.status == TextMessage.Status.RETRYING
        assert sms.deliver(text.pk, force=True) == TextMessage.Status.SENT
    finally:
        sms.LocmemBackend.failures_left = 0
    assert [message.to for message in sms.outbox] == ["+905321112233"]


# The admin: two coordinators who cannot convene each other's bodies' meetings


@pytest.fixture
def two_boards(assembly_index):
    from assemblies.coordinators import ensure_coordinator_group
    from tests.factories import AssemblyPageFactory

    boards, coordinators = {}, {}
    for key, title in (("kadin", "Kadın Meclisi"), ("genclik", "Gençlik Meclisi")):
        page = publish(AssemblyPageFactory(parent=assembly_index, title=title, slug=f"{key}-meclisi"))
        group = ensure_coordinator_group(page)
        access.grant_coordinators(group)
        boards[key] = make_body(
            f"{title} Yürütme Kurulu", f"{key}-yurutme", kind=Body.Kind.ASSEMBLY_BOARD, assembly=page
        )
        seat(boards[key], f"{title} Başkanı", f"{key}.baskan@example.org", "0532 111 00 0{len(boards)}")
        coordinators[key] = UserFactory(email=f"{key}.koordinator@example.org")
        coordinators[key].groups.add(group)
    return boards, coordinators


def form_data(body, **fields):
    data = {
        "body": body.pk,
        "kind": "ordinary",
        "title": "",
        "starts_at": "2030-03-12 14:00",
        "ends_at": "",
        "place": "Meclis Salonu",
        "address": "",
        "reconvenes": "",
        "agenda_items-TOTAL_FORMS": "1",
        "agenda_items-INITIAL_FORMS": "0",
        "agenda_items-MIN_NUM_FORMS": "0",
        "agenda_items-MAX_NUM_FORMS": "1000",
        "agenda_items-0-title": "Sokak hayvanları",
        "agenda_items-0-text": "Bilgilendirme",
        "agenda_items-0-ORDER": "1",
        "agenda_items-0-id": "",
        "agenda_items-0-DELETE": "",
    }
    data.update(fields)
    return data


@pytest.mark.django_db
def test_a_coordinator_convenes_only_their_assemblys_bodies(client, two_boards):
    boards, coordinators = two_boards
    client.force_login(coordinators["kadin"])

    form = client.get("/admin/council/meetings/add/")
    assert form.status_code == 200
    choices = form.context["form"].fields["body"].queryset
    assert list(choices) == [boards["kadin"]]
    assert form.context["form"].fields["body"].label == "Kurul"

    refused = client.post("/admin/council/meetings/add/", form_data(boards["genclik"]))
    assert refused.status_code == 200
    assert not Meeting.objects.exists()

    created = client.post("/admin/council/meetings/add/", form_data(boards["kadin"]))
    meeting = Meeting.objects.get()
    assert created["Location"] == f"/admin/council/meetings/edit/{meeting.pk}/"
    assert meeting.body == boards["kadin"]
    assert [item.title for item in meeting.agenda_items.all()] == ["Sokak hayvanları"]


@pytest.mark.django_db
def test_another_assemblys_meeting_is_a_404_on_every_page(client, two_boards):
    boards, coordinators = two_boards
    theirs = meetings.convene(boards["genclik"], FUTURE, "Gençlik Merkezi", [("Açılış", "", [])])
    client.force_login(coordinators["kadin"])

    for address in ("edit", "invite", "cancel", "attachments", "delete", "history"):
        response = client.get(f"/admin/council/meetings/{address}/{theirs.pk}/")
        assert response.status_code == 404, address
    assert client.post(f"/admin/council/meetings/invite/{theirs.pk}/").status_code == 404
    assert client.post(f"/admin/council/meetings/cancel/{theirs.pk}/").status_code == 404
    listing = client.get("/admin/council/meetings/")
    assert "Gençlik Merkezi" not in listing.content.decode()
    assert Message.objects.count() == 0
    theirs.refresh_from_db()
    assert theirs.cancelled_at is None


@pytest.mark.django_db
def test_the_invitation_preview_names_who_is_invited_and_sending_sends(client, two_boards, calendar_page):
    boards, coordinators = two_boards
    mine = meetings.convene(boards["kadin"], FUTURE, "Kadın Meclisi Salonu")
    seat(boards["kadin"])  # vacant
    client.force_login(coordinators["kadin"])

    preview = client.get(f"/admin/council/meetings/invite/{mine.pk}/").content.decode()
    assert "Kadın Meclisi Başkanı" in preview
    assert "kadin.baskan@example.org" in preview
    assert "7 gün önceden bildirim" in preview

    response = client.post(f"/admin/council/meetings/invite/{mine.pk}/")
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.invitations_sent_at is not None
    assert recipients() == ["kadin.baskan@example.org"]

    # Deleting the meeting takes it off the calendar.
    event = mine.event
    client.post(f"/admin/council/meetings/delete/{mine.pk}/")
    assert not Meeting.objects.filter(pk=mine.pk).exists()
    event.refresh_from_db()
    assert not event.live


@pytest.mark.django_db
def test_the_admin_refuses_late_invitations_in_turkish(client, two_boards, calendar_page):
    boards, coordinators = two_boards
    soon = meetings.convene(boards["kadin"], timezone.now() + datetime.timedelta(days=2), "Salon")
    client.force_login(coordinators["kadin"])

    preview = client.get(f"/admin/council/meetings/invite/{soon.pk}/").content.decode()
    assert "Çok geç" in preview
    response = client.post(f"/admin/council/meetings/invite/{soon.pk}/", follow=True)
    assert "Çok geç" in response.content.decode()
    soon.refresh_from_db()
    assert soon.invitations_sent_at is None


@pytest.mark.django_db
def test_the_admin_list_counts_queries_that_do_not_grow_with_meetings(
    client, two_boards, django_assert_max_num_queries
):
    boards, coordinators = two_boards
    client.force_login(coordinators["kadin"])
    meetings.convene(boards["kadin"], FUTURE, "Salon")
    client.get("/admin/council/meetings/")
    with CaptureQueriesContext(connection) as few:
        assert client.get("/admin/council/meetings/?when=upcoming").status_code == 200
    few = len(few)  # counted now: the next request empties the log the context reads
    for day in range(10):
        meetings.convene(boards["kadin"], FUTURE + datetime.timedelta(days=day + 1), "Salon")
    client.get("/admin/council/meetings/")  # the sidebar built again (the meetings' events were published)
    with django_assert_max_num_queries(few):
        client.get("/admin/council/meetings/?when=upcoming")


# The public pages


@pytest.mark.django_db
def test_the_public_list_shows_announced_and_past_meetings_by_body(
    client, general, executive, calendar_page, council_page, django_assert_max_num_queries
):
    announced = meetings.convene(general, FUTURE, "Meclis Salonu")
    meetings.send_invitations(announced, now=FUTURE - datetime.timedelta(days=8))
    meetings.convene(general, FUTURE + datetime.timedelta(days=30), "Hazırlanıyor Salonu")  # not announced
    past = meetings.convene(executive, at(2024, 5, 2, 10), "Eski Salon")

    page = client.get("/kurullar/toplantilar/").content.decode()
    assert "Genel Kurul — 12.03.2030" in page
    assert "Yürütme Kurulu — 02.05.2024" in page
    assert "Hazırlanıyor Salonu" not in page
    only = client.get("/kurullar/toplantilar/?kurul=yurutme-kurulu").content.decode()
    assert "Genel Kurul — 12.03.2030" not in only and f"/kurullar/toplantilar/{past.pk}/" in only

    with CaptureQueriesContext(connection) as few:
        client.get("/kurullar/toplantilar/")
    for day in range(8):
        meetings.convene(executive, at(2023, 1, day + 1, 10), "Salon")
    with django_assert_max_num_queries(len(few)):
        client.get("/kurullar/toplantilar/")


@pytest.mark.django_db
def test_the_meeting_page_shows_the_agenda_time_place_and_calendar(
    client, general, calendar_page, council_page, english_home_page, django_assert_max_num_queries
):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    report = Document.objects.create(title="Veteriner raporu", file=ContentFile(b"%PDF-1.4", name="rapor.pdf"))
    meeting = meetings.convene(
        general,
        FUTURE,
        "Meclis Salonu",
        [("Sokak hayvanları", "Bilgi verilecek.", [report]), ("Moloz toplama", "", [])],
        address="Atatürk Mah.",
    )
    meetings.send_invitations(meeting, now=FUTURE - datetime.timedelta(days=8))
    meeting.refresh_from_db()

    with django_assert_max_num_queries(40):
        response = client.get(f"/kurullar/toplantilar/{meeting.pk}/")
    page = response.content.decode()
    assert "12 Mart 2030, Salı 14:00" in page
    assert "Meclis Salonu, Atatürk Mah." in page
    assert "Sokak hayvanları" in page and "Veteriner raporu" in page
    assert f"/takvim/etkinlik/{meeting.event.pk}.ics" in page
    assert client.get(f"/kurullar/toplantilar/{meeting.pk + 100}/").status_code == 404

    english = translate_council(council_page)
    page = client.get(f"/en/{english.slug}/toplantilar/{meeting.pk}/").content.decode()
    assert "Agenda" in page and "12 March 2030" in page


def translate_council(council_page):
    from wagtail.models import Locale

    from tests.conftest import translate

    return translate(council_page, Locale.objects.get(language_code="en"), title="Bodies and opinions", slug="council")
