"""The employer's journey of the İstihdam Merkezi: register a firm, have it verified by the centre, post a vacancy
that then appears on the public list, and a job seeker applies to it in one click; at 1280 and 390 px."""

import datetime

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.utils import timezone

from accounts.models import User
from employment import access
from employment.models import CV, Firm, Referral, Vacancy
from places.models import Neighbourhood
from tests.e2e.journeys.conftest import DESKTOP, PASSWORD, WIDTHS

SHARED = "CV'niz İstihdam Merkezine ve bu ilan için işverene iletilir."


def person(email, first, last):
    user = User.objects.create_user(email=email, password=PASSWORD, first_name=first, last_name=last)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def a_seeker_with_a_cv(width):
    seeker = person(f"zeynep.{width}@example.org", "Zeynep", "Kaya")
    CV.objects.create(
        user=seeker,
        full_name="Zeynep Kaya",
        email=seeker.email,
        phone="0532 111 22 33",
        neighbourhood=Neighbourhood.objects.get(name="Esenşehir"),
        skills="Düz makine, overlok",
        work_types=["full_time"],
        processing_consent_at=timezone.now(),
    )
    return seeker


@pytest.mark.parametrize(("width", "tax_number"), [(WIDTHS[0], "4540536920"), (WIDTHS[1], "8760049225")])
def test_an_employer_posts_a_vacancy_the_centre_verifies_and_a_seeker_applies(journey, width, tax_number):
    employer = person(f"hasan.{width}@example.com", "Hasan", "Yıldız")
    staff = person(f"selin.{width}@kentkonseyi.test", "Selin", "Aydın")
    staff.groups.add(access.ensure_centre_group())
    seeker = a_seeker_with_a_cv(width)
    firm_name = f"Yıldız Tekstil {width} A.Ş."
    title = f"Dikiş makinesi operatörü ({width})"

    # The employer registers the firm: a mistyped tax number comes back in Turkish, then the right one.
    page = journey.open(employer.email, width, path="/istihdam/isveren/")
    journey.check(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Firmanızı kaydedin").click()
    journey.check(page)
    page.get_by_label("Firma adı").fill(firm_name)
    page.get_by_label("Vergi kimlik numarası").fill(tax_number[:9] + str((int(tax_number[9]) + 1) % 10))
    page.get_by_label("Vergi dairesi").fill("Ümraniye")
    page.get_by_label("Sektör").fill("Tekstil")
    page.get_by_label("Çalışan sayısı", exact=False).fill("60")
    page.locator("#id_neighbourhood").select_option(label="Tantavi")
    page.locator("#id_street").fill("Alemdağ Caddesi")
    page.locator("#id_building_no").fill("12")
    page.locator("#id_contact_phone").fill("0216 123 45 67")
    with page.expect_navigation():
        page.get_by_role("button", name="Firmayı kaydet").click()
    journey.check(page)
    assert "geçerli bir vergi numarası değil" in page.locator("main").inner_text()
    page.get_by_label("Vergi kimlik numarası").fill(tax_number)
    with page.expect_navigation():
        page.get_by_role("button", name="Firmayı kaydet").click()
    page.wait_for_url("**/istihdam/isveren/")
    journey.check(page)
    firm = Firm.objects.get(tax_number=tax_number)
    assert firm.verified_at is None and firm.contact_email == employer.email
    assert "doğrulamasını bekliyor" in page.locator("main").inner_text() or "doğrulaması bekleniyor" in (
        page.locator("main").inner_text()
    )

    # The employer writes and publishes a vacancy; it says it will be public after verification.
    with page.expect_navigation():
        page.get_by_role("link", name="Yeni ilan").click()
    journey.check(page)
    page.locator("#id_title").fill(title)
    page.locator("#id_occupation").select_option(label="7531 Terziler, kürkçüler ve şapkacılar")
    page.locator("#id_positions").fill("2")
    page.get_by_label("Tam zamanlı").check()
    page.locator("#id_requirements").fill("En az 2 yıl konfeksiyon deneyimi.")
    page.locator("#id_skills").fill("overlok, düz makine")
    page.locator("#id_wage_min").fill("22000")
    page.locator("#id_wage_max").fill("26000")
    page.locator("#id_closing_date").fill((timezone.localdate() + datetime.timedelta(days=20)).isoformat())
    with page.expect_navigation():
        page.get_by_role("button", name="Yayımla").click()
    journey.check(page)
    assert "doğrulamadan sonra herkese açık" in page.locator("main").inner_text()
    vacancy = Vacancy.objects.get(firm=firm)
    assert vacancy.status == Vacancy.Status.PUBLISHED and not Vacancy.objects.public().filter(pk=vacancy.pk).exists()

    # Not on the public list yet.
    visitor = journey.open(width=width, path="/istihdam/")
    journey.check(visitor)
    assert title not in visitor.locator("main").inner_text()

    # The centre verifies the firm in the admin (a desktop screen); the contact is told by e-mail.
    desk = journey.open(staff.email, DESKTOP, path="/admin/employment/firms/")
    journey.check(desk)
    mail.outbox.clear()
    with desk.expect_navigation():
        desk.get_by_role("button", name=f"{firm_name} firmasını doğrula").click()
    journey.check(desk)
    firm.refresh_from_db()
    assert firm.verified_by == staff
    assert [message.to for message in mail.outbox] == [[employer.email]]

    # Now on the public list, with its page.
    visitor.reload()
    journey.check(visitor)
    with visitor.expect_navigation():
        visitor.get_by_role("link", name=title).click()
    journey.check(visitor)
    text = visitor.locator("main").inner_text()
    assert firm_name in text and "22000 – 26000 TL" in text and "Tantavi" in text

    # A seeker with a CV applies in one click, told what is shared; a second click is refused.
    applicant = journey.open(seeker.email, width, path=f"/istihdam/ilan/{vacancy.pk}/")
    journey.check(applicant)
    assert SHARED in applicant.locator("main").inner_text()
    with applicant.expect_navigation():
        applicant.locator("main").get_by_role("button", name="Başvur").click()
    journey.check(applicant)
    assert "Başvurunuz gönderildi" in applicant.locator("main").inner_text()
    referral = Referral.objects.get(vacancy=vacancy)
    assert referral.cv.user == seeker
    assert (referral.origin, referral.status) == (Referral.Origin.APPLICATION, Referral.Status.APPLIED)


DEMO_EMPLOYER = "isveren@kentkonseyi.test"


@pytest.mark.parametrize("width", WIDTHS)
def test_the_demo_employer_answers_for_the_candidates_referred_to_it(journey, width):
    """The demo firm's user opens a vacancy's referred candidates, reads one's CV and answers: interviewed, then
    hired from today (its placement counted by the centre); another candidate not hired, with the reason."""
    waiting = list(
        Referral.objects.filter(
            vacancy__firm__members__user__email=DEMO_EMPLOYER, status=Referral.Status.AGREED, outcome=""
        )
        .select_related("vacancy", "cv")
        .order_by("pk")
    )
    assert len(waiting) >= 2, "the demo gives its employer two candidates to answer for"
    hired, refused = waiting[:2]

    page = journey.open(DEMO_EMPLOYER, width, path="/istihdam/isveren/")
    journey.check(page)
    with page.expect_navigation():
        page.locator(f'a[href$="/istihdam/isveren/ilan/{hired.vacancy_id}/adaylar/"]').click()
    journey.check(page)
    with page.expect_navigation():
        page.get_by_role("link", name=hired.cv.full_name).click()
    journey.check(page)
    assert page.get_by_role("heading", name=hired.cv.full_name, level=1).is_visible()

    page.get_by_label("Görüşüldü").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Yanıtı kaydet").click()
    journey.check(page)
    card = page.locator(".candidate-card").filter(has_text=hired.cv.full_name)
    assert "Görüşüldü" in card.inner_text()

    with page.expect_navigation():
        card.get_by_role("link", name=hired.cv.full_name).click()
    page.get_by_label("İşe alındı").check()
    page.get_by_label("İşe başlama tarihi").fill(timezone.localdate().isoformat())
    with page.expect_navigation():
        page.get_by_role("button", name="Yanıtı kaydet").click()
    journey.check(page)
    assert "İşe alındı" in page.locator(".candidate-card").filter(has_text=hired.cv.full_name).inner_text()
    hired.refresh_from_db()
    assert hired.outcome == Referral.Outcome.HIRED
    assert (hired.placement.source, hired.placement.started_on) == ("employer", timezone.localdate())

    # Not hired: without a reason the answer comes back in Turkish, nothing typed lost; with it, it is kept.
    page.goto(journey.url(f"/istihdam/isveren/aday/{refused.pk}/"))
    journey.check(page)
    page.get_by_label("İşe alınmadı").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Yanıtı kaydet").click()
    journey.check(page)
    assert page.get_by_role("alert").is_visible() and page.get_by_label("İşe alınmadı").is_checked()
    page.get_by_label("Gerekçe ya da not").fill("Pozisyon doldu.")
    with page.expect_navigation():
        page.get_by_role("button", name="Yanıtı kaydet").click()
    journey.check(page)
    assert "Pozisyon doldu." in page.locator(".candidate-card").filter(has_text=refused.cv.full_name).inner_text()
    refused.refresh_from_db()
    assert (refused.outcome, refused.outcome_reason) == (Referral.Outcome.NOT_HIRED, "Pozisyon doldu.")
