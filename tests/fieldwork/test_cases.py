"""A request raised on a visit becomes a case of the register in one step, with the channel "Saha ziyareti"."""

from django.utils import timezone

from complaints.models import Case, Channel
from complaints.working_days import add_working_days
from fieldwork import visits
from fieldwork.models import Representation


def test_a_visits_request_becomes_a_case_with_its_channel_number_and_due_date(
    make_visit, officer, asphalt, settings, django_capture_on_commit_callbacks, sms_outbox
):
    visit = make_visit(request_text="Fırının önündeki çukur onarılsın.", request_topic=asphalt)
    request = visit.requests.get()
    with django_capture_on_commit_callbacks(execute=True):
        case = visits.open_case(request, officer)

    case = Case.objects.get(pk=case.pk)  # as the register lists it
    assert case.channel == Channel.FIELD_VISIT
    assert case.get_channel_display() == "Saha ziyareti"
    assert len(case.tracking_number) > 5 and case.display_number
    assert case.due_on == add_working_days(
        timezone.localdate(case.received_at), settings.COMPLAINTS_DEFAULT_WORKING_DAYS
    )
    assert (case.topic, case.neighbourhood, case.description) == (
        asphalt,
        visit.neighbourhood,
        "Fırının önündeki çukur onarılsın.",
    )
    assert case.directorate == asphalt.default_directorate and case.status == Case.Status.ROUTED
    # The person agreed to be contacted: their name and phone go with the case, and they get the number by SMS.
    assert (case.name, case.phone, case.anonymous) == ("Hasan Yıldız", "+905321112233", False)
    assert case.consent_at is not None
    assert any(case.display_number in message.text for message in sms_outbox)
    assert case.registered_by == officer
    # The visit keeps the case as its origin, and the case's note names the visit.
    request.refresh_from_db()
    assert request.case == case and visit.requests.get().case == case
    assert "Yıldız Fırını" in case.notes.get().text
    assert Case.objects.filter(channel=Channel.FIELD_VISIT).count() == 1


def test_opening_it_twice_files_one_case(make_visit, officer):
    request = make_visit(request_text="Kaldırım yapılsın.").requests.get()
    first = visits.open_case(request, officer)
    assert visits.open_case(request, officer) == first
    assert Case.objects.count() == 1


def test_without_consent_the_case_is_anonymous(make_visit, officer):
    visit = make_visit(contact_consent=False, request_text="Çöpler sabah erken alınsın.")
    assert visit.contact_phone == ""  # no phone kept without consent
    case = visits.open_case(visit.requests.get(), officer)
    assert case.anonymous and (case.name, case.phone) == ("", "")


def test_a_request_taken_at_a_fair_becomes_a_case(officer, cakmak):
    fair = Representation.objects.create(title="Ümraniye Esnaf Fuarı", place="Çakmak Parkı", neighbourhood=cakmak)
    request = visits.add_request(
        fair, "Engelli rampası istiyoruz.", actor=officer, name="Sema Tan", phone="+905339998877", contact_consent=True
    )
    case = visits.open_case(request, officer)
    assert (case.channel, case.phone, case.neighbourhood, case.address) == (
        Channel.FIELD_VISIT,
        "+905339998877",
        cakmak,
        "Çakmak Parkı",
    )
    assert "Ümraniye Esnaf Fuarı" in case.notes.get().text
