"""Attendance, quorum and minutes: what the secretariat and coordinators record, and what the public sees when."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone
from pypdf import PdfReader

from assemblies.coordinators import ensure_coordinator_group
from council import minutes, quorum
from council.access import ensure_secretariat_group
from council.models import AgendaItem, Body, CouncilPage, Meeting, Organisation, QuorumRule, Seat
from tests.conftest import publish
from tests.factories import AssemblyPageFactory, UserFactory

MEETING_DAY = datetime.date(2026, 3, 10)


def at(day, hour=18):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def pdf_text(content):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def make_body(slug, *, filled, vacant=0, assembly=None, **rules):
    """A body with `filled` seats held on MEETING_DAY and `vacant` empty seats."""
    body = Body.objects.create(
        name=f"Kurul {slug}", slug=slug, kind=Body.Kind.ASSEMBLY_BOARD, assembly=assembly, **rules
    )
    organisation, _ = Organisation.objects.get_or_create(name="Ümraniye Esnaf Odası")
    for number in range(filled):
        Seat.objects.create(
            body=body,
            holder_name=f"Üye {slug} {number + 1}",
            organisation=organisation,
            substitute_name=f"Yedek {slug} {number + 1}",
            starts_on=datetime.date(2025, 1, 1),
            sort_order=number,
        )
    for number in range(vacant):
        Seat.objects.create(body=body, holder_name="", sort_order=100 + number)
    return body


def make_meeting(body, **fields):
    meeting = Meeting.objects.create(body=body, starts_at=at(MEETING_DAY), place="Kent Konseyi Salonu", **fields)
    AgendaItem.objects.create(meeting=meeting, title="Sokak hayvanları bilgilendirme toplantısı", sort_order=0)
    AgendaItem.objects.create(meeting=meeting, title="Moloz toplama takvimi", sort_order=1)
    return meeting


def attend(meeting, number):
    for seat in list(quorum.filled_seats(meeting))[:number]:
        quorum.mark(meeting, seat, present=True)


@pytest.fixture
def council(home_page):
    return publish(CouncilPage(title="Kurullar ve Görüşler", slug="kurullar"), home_page)


@pytest.fixture
def two_assemblies(assembly_index):
    kadin = publish(AssemblyPageFactory(parent=assembly_index, title="Kadın Meclisi", slug="kadin-meclisi"))
    genclik = publish(AssemblyPageFactory(parent=assembly_index, title="Gençlik Meclisi", slug="genclik-meclisi"))
    return {"kadin": kadin, "genclik": genclik}


@pytest.fixture
def coordinators(two_assemblies):
    people = {}
    for key, page in two_assemblies.items():
        user = UserFactory(email=f"{key}.koordinator@example.org")
        user.groups.add(ensure_coordinator_group(page))
        people[key] = user
    return people


@pytest.fixture
def secretariat(db):
    user = UserFactory(email="sekreterlik@example.org")
    user.groups.add(ensure_secretariat_group())
    return user


# Quorum


@pytest.mark.django_db
@pytest.mark.parametrize(("present", "met"), [(4, False), (5, True)])
def test_absolute_majority_needs_more_than_half_of_the_filled_seats(present, met):
    meeting = make_meeting(make_body("yk", filled=8))
    attend(meeting, present)
    meeting = quorum.close(meeting)
    assert (meeting.filled_seats, meeting.quorum_required, meeting.present_count) == (8, 5, present)
    assert meeting.quorum_met is met
    assert meeting.attendance_closed_at is not None


@pytest.mark.django_db
def test_vacant_seats_and_ended_terms_count_for_nothing():
    body = make_body("gk", filled=4, vacant=3)
    Seat.objects.create(body=body, holder_name="Süresi Bitmiş Üye", ends_on=MEETING_DAY - datetime.timedelta(days=1))
    Seat.objects.create(body=body, holder_name="Sonra Gelen Üye", starts_on=MEETING_DAY + datetime.timedelta(days=1))
    meeting = make_meeting(body)
    assert quorum.count(meeting).filled == 4
    attend(meeting, 2)  # exactly half of the four filled seats
    assert not quorum.count(meeting).met
    vacant = body.seats.get(holder_name="", sort_order=100)
    with pytest.raises(ValidationError):
        quorum.mark(meeting, vacant, present=True)
    attend(meeting, 3)
    meeting = quorum.close(meeting)
    assert (meeting.filled_seats, meeting.quorum_required, meeting.present_count, meeting.quorum_met) == (4, 3, 3, True)


@pytest.mark.django_db
def test_the_bodys_own_rule_is_used():
    meeting = make_meeting(make_body("cg", filled=9, quorum_rule=QuorumRule.ONE_THIRD))
    attend(meeting, 3)
    assert quorum.close(meeting).quorum_met is True


@pytest.mark.django_db
def test_a_meeting_without_quorum_is_reconvened_and_the_new_meeting_follows_the_reconvened_rule():
    body = make_body("yk", filled=9, reconvened_quorum_rule=QuorumRule.ONE_THIRD)
    first = make_meeting(body)
    attend(first, 3)
    first = quorum.close(first)
    assert first.quorum_met is False and first.quorum_required == 5
    assert quorum.may_reconvene(first)

    second = quorum.reconvene(first, starts_at=at(MEETING_DAY + datetime.timedelta(days=7)), place="Salon B")
    assert second.reconvenes == first
    assert second.quorum_rule == QuorumRule.ONE_THIRD
    assert [item.title for item in second.agenda_items.all()] == [item.title for item in first.agenda_items.all()]
    attend(second, 3)
    second = quorum.close(second)
    assert (second.quorum_required, second.quorum_met) == (3, True)

    with pytest.raises(ValidationError):
        quorum.reconvene(first, starts_at=at(MEETING_DAY + datetime.timedelta(days=9)), place="Salon B")
    with pytest.raises(ValidationError):
        quorum.reconvene(second, starts_at=at(MEETING_DAY + datetime.timedelta(days=9)), place="Salon B")


@pytest.mark.django_db
def test_a_meeting_without_quorum_records_no_decisions():
    meeting = make_meeting(make_body("yk", filled=6))
    attend(meeting, 2)
    meeting = quorum.close(meeting)
    item = meeting.agenda_items.first()
    assert minutes.check_item(meeting, AgendaItem.Outcome.ADOPTED, None, None, None)
    assert minutes.check_item(meeting, AgendaItem.Outcome.POSTPONED, 2, 0, 0)
    assert minutes.check_item(meeting, AgendaItem.Outcome.POSTPONED, None, None, None) == {}
    with pytest.raises(ValidationError):
        minutes.record(meeting, {item.pk: items_fields(outcome=AgendaItem.Outcome.OPINION)}, "")


def items_fields(**fields):
    return {
        "discussion": "",
        "outcome": "",
        "votes_for": None,
        "votes_against": None,
        "votes_abstaining": None,
        **fields,
    }


# Votes


@pytest.mark.django_db
def test_votes_are_no_more_than_the_members_present():
    meeting = make_meeting(make_body("yk", filled=9))
    attend(meeting, 6)
    meeting = quorum.close(meeting)
    adopted = AgendaItem.Outcome.ADOPTED
    assert minutes.check_item(meeting, adopted, 4, 1, 1) == {}
    assert "votes_for" in minutes.check_item(meeting, adopted, 5, 1, 1)
    assert "outcome" in minutes.check_item(meeting, adopted, 2, 3, 1)
    assert "outcome" in minutes.check_item(meeting, AgendaItem.Outcome.REJECTED, 4, 1, 0)
    assert "outcome" in minutes.check_item(meeting, AgendaItem.Outcome.INFORMED, 4, 1, 0)
    assert "votes_for" in minutes.check_item(meeting, adopted, None, 1, 0)


@pytest.mark.django_db
def test_the_minutes_form_says_in_turkish_when_there_are_more_votes_than_members_present(client, secretariat):
    meeting = make_meeting(make_body("yk", filled=9))
    attend(meeting, 5)
    meeting = quorum.close(meeting)
    first, second = meeting.agenda_items.all()
    client.force_login(secretariat)
    response = client.post(
        f"/admin/council/minutes/{meeting.pk}/minutes/",
        {
            f"item-{first.pk}-discussion": "Mahalle muhtarları görüş bildirdi.",
            f"item-{first.pk}-outcome": "adopted",
            f"item-{first.pk}-votes_for": "5",
            f"item-{first.pk}-votes_against": "1",
            f"item-{first.pk}-votes_abstaining": "",
            f"item-{second.pk}-outcome": "informed",
            f"item-{second.pk}-votes_for": "-1",
            "summary": "",
        },
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "6 oy girildi ama yalnızca 5 üye hazır bulundu." in text
    assert "Oy sayısı eksi olamaz." in text
    first.refresh_from_db()
    assert first.outcome == "" and first.discussion == ""


# Publication


@pytest.mark.django_db
def test_minutes_are_not_public_until_approved(client, council, secretariat):
    meeting = make_meeting(make_body("yk", filled=5))
    attend(meeting, 3)
    meeting = quorum.close(meeting)
    first, second = meeting.agenda_items.all()
    minutes.record(
        meeting,
        {
            first.pk: items_fields(discussion="Barınak kapasitesi tartışıldı.", outcome="opinion", votes_for=3),
            second.pk: items_fields(discussion="Moloz günleri.", outcome="informed"),
        },
        "Toplantı 20.30'da sona erdi.",
    )
    pdf_url = council.url + council.reverse_subpage("minutes_pdf", args=[meeting.pk])

    def shown():
        fresh = Meeting.objects.get(pk=meeting.pk)
        request = RequestFactory().get("/kurullar/")
        return render_to_string("council/includes/minutes.html", {"meeting": fresh, "page": council}, request=request)

    page_url = council.url + council.reverse_subpage("meeting", args=[meeting.pk])
    assert "Barınak kapasitesi" not in shown() and "20.30" not in shown()
    before = client.get(page_url)
    assert before.status_code == 200 and "Moloz toplama takvimi" in before.content.decode()  # the agenda is public
    assert "Barınak kapasitesi" not in before.content.decode() and "tutanak-pdf" not in before.content.decode()
    assert client.get(pdf_url).status_code == 404

    minutes.approve(meeting, secretariat)

    html = shown()
    assert "Barınak kapasitesi tartışıldı." in html and "Toplantı 20.30&#x27;da sona erdi." in html
    assert "Belediyeye görüş" in html and pdf_url in html
    after = client.get(page_url).content.decode()
    assert "Barınak kapasitesi tartışıldı." in after and pdf_url in after
    response = client.get(pdf_url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Barınak kapasitesi tartışıldı." in text and "Moloz toplama takvimi" in text

    # Once approved they no longer change.
    with pytest.raises(ValidationError):
        minutes.record(meeting, {first.pk: items_fields(outcome="rejected")}, "")
    with pytest.raises(ValidationError):
        quorum.reopen(meeting)


@pytest.mark.django_db
def test_minutes_of_a_body_not_shown_on_the_site_stay_unpublished(client, council, secretariat):
    meeting = make_meeting(make_body("gizli", filled=3, is_public=False))
    attend(meeting, 3)
    quorum.close(meeting)
    meeting.agenda_items.update(outcome="informed")
    minutes.approve(meeting, secretariat)
    assert client.get(council.url + council.reverse_subpage("minutes_pdf", args=[meeting.pk])).status_code == 404


@pytest.mark.django_db
def test_approval_waits_for_the_attendance_and_every_outcome(secretariat):
    meeting = make_meeting(make_body("yk", filled=3))
    with pytest.raises(ValidationError):
        minutes.approve(meeting, secretariat)
    attend(meeting, 2)
    meeting = quorum.close(meeting)
    with pytest.raises(ValidationError, match="Moloz"):
        minutes.approve(meeting, secretariat)
    meeting.agenda_items.update(outcome="informed")
    meeting = minutes.approve(meeting, secretariat)
    assert meeting.minutes_approved_by == secretariat and meeting.minutes_approved_at is not None


# The admin


@pytest.mark.django_db
def test_a_tick_is_saved_at_once_and_answers_the_live_count(client, secretariat):
    meeting = make_meeting(make_body("yk", filled=4, vacant=2))
    seats = list(quorum.filled_seats(meeting))
    client.force_login(secretariat)
    url = f"/admin/council/minutes/{meeting.pk}/attendance/"
    page = client.get(url).content.decode()
    for seat in seats:
        assert seat.holder_name in page
    assert "yedek katıldı" in page
    for seat in seats[:3]:
        answer = client.post(url, {"seat": seat.pk, "present": "1"}, HTTP_ACCEPT="application/json").json()
    assert answer["present"] == 3 and answer["filled"] == 4 and answer["met"] is True
    answer = client.post(
        url, {"seat": seats[0].pk, "present": "1", "substitute": "1"}, HTTP_ACCEPT="application/json"
    ).json()
    assert answer["present"] == 3
    assert meeting.attendance.get(seat=seats[0]).by_substitute

    # The paper sheet typed in afterwards: the whole list posted at once.
    client.post(url, {"present": [seats[1].pk, seats[3].pk], "substitute": [seats[3].pk]})
    assert quorum.count(meeting).present == 2
    client.post(f"/admin/council/minutes/{meeting.pk}/attendance/close/")
    meeting.refresh_from_db()
    assert (meeting.present_count, meeting.quorum_met) == (2, False)
    refused = client.post(url, {"seat": seats[0].pk, "present": "1"}, HTTP_ACCEPT="application/json")
    assert refused.status_code == 400 and "kapatıldı" in refused.json()["error"]


@pytest.mark.django_db
def test_the_sign_in_sheet_names_every_filled_seats_holder(client, secretariat):
    body = make_body("yk", filled=12, vacant=2)
    Seat.objects.create(body=body, holder_name="Süresi Bitmiş Üye", ends_on=MEETING_DAY - datetime.timedelta(days=1))
    meeting = make_meeting(body)
    client.force_login(secretariat)
    response = client.get(f"/admin/council/minutes/{meeting.pk}/sign-in-sheet.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for number in range(1, 13):
        assert f"Üye yk {number}\n" in text + "\n" or f"Üye yk {number} " in text
    assert "Ümraniye Esnaf Odası" in text
    assert "Süresi Bitmiş" not in text


@pytest.mark.django_db
def test_coordinators_cannot_take_attendance_or_write_minutes_for_each_others_bodies(
    client, two_assemblies, coordinators
):
    kadin_body = make_body("kadin-kurulu", filled=3, assembly=two_assemblies["kadin"])
    genclik_body = make_body("genclik-kurulu", filled=3, assembly=two_assemblies["genclik"])
    own, other = make_meeting(kadin_body), make_meeting(genclik_body)
    other_seat = genclik_body.seats.first()
    client.force_login(coordinators["kadin"])

    assert client.get(f"/admin/council/minutes/{own.pk}/attendance/").status_code == 200
    listing = client.get("/admin/council/minutes/").content.decode()
    assert "Kurul kadin-kurulu" in listing and "Kurul genclik-kurulu" not in listing
    for path in ["attendance/", "sign-in-sheet.pdf", "minutes/", "reconvene/", "minutes/preview.pdf"]:
        assert client.get(f"/admin/council/minutes/{other.pk}/{path}").status_code == 404, path
    for path in ["attendance/close/", "attendance/reopen/", "minutes/approve/"]:
        assert client.post(f"/admin/council/minutes/{other.pk}/{path}").status_code == 404, path
    response = client.post(
        f"/admin/council/minutes/{other.pk}/attendance/",
        {"seat": other_seat.pk, "present": "1"},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 404
    # Nor a seat of the other body through their own meeting.
    response = client.post(
        f"/admin/council/minutes/{own.pk}/attendance/",
        {"seat": other_seat.pk, "present": "1"},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 404
    assert not other.attendance.exists() and not own.attendance.exists()

    client.force_login(coordinators["genclik"])
    assert client.get(f"/admin/council/minutes/{other.pk}/minutes/").status_code == 200
    assert client.get(f"/admin/council/minutes/{own.pk}/minutes/").status_code == 404


@pytest.mark.django_db
def test_someone_who_records_on_no_body_is_refused(client, user):
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get("/admin/council/minutes/")
    assert (response.status_code, response["Location"]) == (302, "/admin/")


@pytest.mark.django_db
def test_the_meetings_listing_does_not_grow_in_queries(client, secretariat, django_assert_max_num_queries):
    body = make_body("yk", filled=2)
    for day in range(12):
        Meeting.objects.create(body=body, starts_at=at(MEETING_DAY + datetime.timedelta(days=day)), place="Salon")
    client.force_login(secretariat)
    with django_assert_max_num_queries(25):
        response = client.get("/admin/council/minutes/")
    assert response.status_code == 200
