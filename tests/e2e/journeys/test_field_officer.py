"""A field officer on a phone (390 px): today's plan, a visit recorded at a stop, its request turned into a case.

From the issue: staff record each visit on a phone (who was met, satisfaction with municipal services on a 1–5
scale, consent to be contacted) and turn a request raised during a visit into a case in the register with the
channel "Saha ziyareti" in one step; the case keeps the visit as its origin.
"""

from complaints.models import Case, Channel
from fieldwork.demo import OFFICER
from fieldwork.models import FieldRequest, Visit
from tests.e2e.journeys.conftest import DESKTOP, PHONE
from tests.e2e.journeys.test_call_centre import CALL_CENTRE, check

REQUEST = "Fırının önündeki kaldırım çökmüş, yaşlılar düşüyor."


def test_a_field_officer_records_a_visit_and_turns_its_request_into_a_case(journey):
    phone = journey.open(OFFICER[0], PHONE, path="/saha/")
    assert phone.get_by_role("heading", name="Bugünkü ziyaretlerim", level=1).is_visible()
    journey.check(phone)

    stop = (
        phone.locator("li, article, div")
        .filter(has_text="Yıldız Fırını")
        .filter(has=phone.get_by_role("link", name="Ziyareti başlat"))
        .last
    )
    with phone.expect_navigation():
        stop.get_by_role("link", name="Ziyareti başlat").click()
    journey.check(phone)
    phone.get_by_label("Görüşülen kişi").fill("Mehmet Yıldız")
    phone.get_by_label("4 – memnun").check()
    phone.get_by_label("İletişime geçilmesini kabul ediyor").check()
    phone.get_by_label("Telefon").first.fill("0532 765 43 21")
    phone.get_by_label("Belediyeye iletilecek talep").fill(REQUEST)
    with phone.expect_navigation():
        phone.get_by_role("button", name="Ziyareti kaydet").click()
    journey.check(phone)
    saved = phone.get_by_role("status").inner_text()
    assert "Yıldız Fırını" in saved and "4 – memnun" in saved and "1 talep" in saved

    visit = Visit.objects.get(person_name="Mehmet Yıldız")
    assert visit.satisfaction == 4 and visit.contact_phone
    request = FieldRequest.objects.get(visit=visit)
    with phone.expect_navigation():
        phone.get_by_role("button", name="Başvuruya dönüştür").click()
    journey.check(phone)

    request.refresh_from_db()
    case = Case.objects.get(pk=request.case_id)
    assert case.channel == Channel.FIELD_VISIT
    assert case.neighbourhood == visit.neighbourhood
    assert REQUEST in case.description
    assert case.name == "Mehmet Yıldız"  # they agreed to be contacted: the answer can reach them
    # The officer reads the case's tracking number on the visit, to tell the shopkeeper.
    assert phone.get_by_text(f"{case.display_number} numaralı başvuru").is_visible()

    # The register: the call centre finds it among the cases of the channel "Saha ziyareti", the visit named on it.
    clerk = journey.open(CALL_CENTRE, DESKTOP, path=f"/admin/cases/?channel={Channel.FIELD_VISIT}")
    check(journey, clerk)
    with clerk.expect_navigation():
        clerk.get_by_role("link", name=case.display_number, exact=True).click()
    check(journey, clerk)
    text = clerk.locator("main").inner_text()
    assert "Saha ziyareti" in text and "Yıldız Fırını" in text and REQUEST in text
