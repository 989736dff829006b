"""The firm's own area: registering a firm, its vacancies, and the candidates referred to it; one firm never sees
another's."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from employment.employer_forms import AnswerForm, FirmForm, VacancyForm
from employment.models import Firm, FirmMember, Referral, Vacancy
from places.models import Neighbourhood
from tests.employment import employer_records as records
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def occupations(home_page):
    return records.occupations()


def firm_form(**changes):
    data = {
        "name": "Deniz Lojistik Ltd. Şti.",
        "tax_number": "876 004 92 25",
        "tax_office": "Alemdağ",
        "sector": "Lojistik",
        "staff_count": "60",
        "neighbourhood": Neighbourhood.objects.get(name="Esenşehir").pk,
        "street": "Necip Fazıl Bulvarı",
        "building_no": "44",
        "door_no": "3",
        "contact_name": "Elif Deniz",
        "contact_phone": "0216 555 44 33",
        "contact_email": "elif@deniz.example.com",
    }
    data.update(changes)
    return data


def test_signing_up_a_firm_makes_the_user_its_member_and_leaves_it_pending(client, home_page):
    user = UserFactory()
    client.force_login(user)
    answer = client.post(reverse("employment:firm_register"), firm_form(), follow=True)
    firm = Firm.objects.get()
    assert firm.tax_number == "8760049225"  # typed with spaces, kept as digits
    assert firm.verified_at is None and firm.street == "Necip Fazıl Bulvarı" and firm.door_no == "3"
    assert FirmMember.objects.filter(firm=firm, user=user).exists()
    assert "doğrula" in answer.content.decode()


def test_a_wrong_tax_number_comes_back_in_turkish(client, home_page):
    client.force_login(UserFactory())
    answer = client.post(reverse("employment:firm_register"), firm_form(tax_number="8760049226"))
    assert answer.status_code == 200
    assert "geçerli bir vergi numarası değil" in answer.content.decode()
    assert not Firm.objects.exists()


def test_a_tax_number_registered_already_is_refused_with_what_to_do(client, home_page):
    records.firm(tax_number="8760049225")
    client.force_login(UserFactory())
    answer = client.post(reverse("employment:firm_register"), firm_form())
    assert "zaten kayıtlı" in answer.content.decode()
    assert Firm.objects.count() == 1


@pytest.mark.parametrize("form_class", [FirmForm, VacancyForm, AnswerForm])
def test_every_label_of_the_employers_forms_starts_with_a_capital_letter(form_class, occupations):
    # Labels taken from a model's verbose name ("vergi kimlik numarası", "iş yerinin mahallesi") showed lower-case.
    with translation.override("tr"):
        labels = [str(field.label) for field in form_class().fields.values()]
    assert labels and all(label[0].isupper() for label in labels), labels
    if form_class is VacancyForm:  # the Turkish capital of "iş" is "İş", not "Iş"
        assert any(label.startswith("İş yeri") for label in labels), labels


def test_registering_needs_signing_in(client, home_page):
    answer = client.get(reverse("employment:firm_register"))
    assert answer.status_code == 302 and "/accounts/login/" in answer["Location"]


def vacancy_form(occupation, **changes):
    data = {
        "title": "Forklift operatörü",
        "occupation": occupation.pk,
        "positions": "2",
        "work_type": "shift",
        "requirements": "Forklift ehliyeti",
        "skills": "forklift, depo",
        "wage_min": "25000",
        "wage_max": "30000",
        "neighbourhood": "",
        "closing_date": (timezone.localdate() + datetime.timedelta(days=20)).isoformat(),
        "publish": "1",
    }
    data.update(changes)
    return data


def test_a_vacancy_of_an_unverified_firm_is_published_but_not_public_and_says_so(client, occupations):
    firm = records.firm(verified=False)
    client.force_login(firm.user)
    answer = client.post(
        reverse("employment:firm_vacancy_add", args=[firm.pk]), vacancy_form(occupations["7531"]), follow=True
    )
    vacancy = Vacancy.objects.get()
    assert vacancy.status == Vacancy.Status.PUBLISHED and vacancy.created_by == firm.user
    assert not Vacancy.objects.public().exists()
    page = answer.content.decode()
    assert "firmanız doğrulandıktan sonra" in page.lower() or "doğrulandıktan sonra" in page
    assert "Yayımlandı: doğrulamadan sonra herkese açık" in page


def test_a_draft_stays_off_the_list_and_a_verified_firms_published_vacancy_is_on_it(client, occupations):
    firm = records.firm()
    client.force_login(firm.user)
    client.post(
        reverse("employment:firm_vacancy_add", args=[firm.pk]),
        {key: value for key, value in vacancy_form(occupations["7531"], draft="1").items() if key != "publish"},
    )
    assert Vacancy.objects.get().status == Vacancy.Status.DRAFT and not Vacancy.objects.public().exists()
    vacancy = Vacancy.objects.get()
    client.post(reverse("employment:firm_vacancy_edit", args=[vacancy.pk]), vacancy_form(occupations["7531"]))
    vacancy.refresh_from_db()
    assert list(Vacancy.objects.public()) == [vacancy] and vacancy.published_at is not None
    client.post(reverse("employment:firm_vacancy_close", args=[vacancy.pk]))
    assert not Vacancy.objects.public().exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"wage_min": "30000", "wage_max": "25000"}, "En yüksek ücret en düşükten az olamaz."),
        ({"closing_date": "2020-01-01"}, "Son başvuru tarihi geçmişte olamaz."),
        ({"positions": "0"}, "0"),
    ],
)
def test_impossible_vacancies_come_back_in_turkish(client, occupations, changes, message):
    firm = records.firm()
    client.force_login(firm.user)
    answer = client.post(
        reverse("employment:firm_vacancy_add", args=[firm.pk]), vacancy_form(occupations["7531"], **changes)
    )
    assert answer.status_code == 200 and message in answer.content.decode()
    assert not Vacancy.objects.exists()


@pytest.fixture
def two_firms(occupations):
    """Two firms, each with its user, a vacancy and a candidate referred to it."""
    firms = []
    for name, vkn, seeker in [
        ("Yıldız Tekstil", "4540536920", "Zeynep Kaya"),
        ("Deniz Lojistik", "1234567890", "Ali Er"),
    ]:
        firm = records.firm(name=name, tax_number=vkn)
        firm.vacancy = records.vacancy(firm, occupations["7531"], title=f"{name} ilanı")
        firm.referral = records.referral(firm.vacancy, records.cv(full_name=seeker))
        firms.append(firm)
    return firms


def test_a_firms_user_never_reaches_the_other_firms_vacancy_or_candidates(client, two_firms):
    mine, theirs = two_firms
    client.force_login(mine.user)
    home = client.get(reverse("employment:employer")).content.decode()
    assert mine.vacancy.title in home and theirs.vacancy.title not in home
    for name, pk in [
        ("employment:firm_vacancy_edit", theirs.vacancy.pk),
        ("employment:firm_candidates", theirs.vacancy.pk),
        ("employment:firm_candidate", theirs.referral.pk),
        ("employment:firm_vacancy_add", theirs.pk),
    ]:
        assert client.get(reverse(name, args=[pk])).status_code == 404, name
    assert client.post(reverse("employment:firm_vacancy_close", args=[theirs.vacancy.pk])).status_code == 404
    answer = client.post(
        reverse("employment:firm_candidate", args=[theirs.referral.pk]), {"outcome": "not_hired", "reason": "x"}
    )
    assert answer.status_code == 404
    theirs.referral.refresh_from_db()
    assert theirs.referral.outcome == "" and theirs.vacancy.status == Vacancy.Status.PUBLISHED
    candidates = client.get(reverse("employment:firm_candidates", args=[mine.vacancy.pk])).content.decode()
    assert "Zeynep Kaya" in candidates and "Ali Er" not in candidates
    assert client.get(reverse("employment:cv_pdf_of", args=[theirs.referral.cv.pk])).status_code == 403


def test_a_firm_sees_only_candidates_who_agreed(client, two_firms, occupations):
    mine = two_firms[0]
    asked = records.referral(mine.vacancy, records.cv(full_name="Sorulan Aday"), status=Referral.Status.ASKED)
    applied = records.referral(mine.vacancy, records.cv(full_name="Başvuran Aday"), status=Referral.Status.APPLIED)
    hidden = records.referral(mine.vacancy, records.cv(full_name="Gizli Aday", hidden=True))
    client.force_login(mine.user)
    page = client.get(reverse("employment:firm_candidates", args=[mine.vacancy.pk])).content.decode()
    assert "Zeynep Kaya" in page
    for referral in (asked, applied, hidden):
        assert referral.cv.full_name not in page
        assert client.get(reverse("employment:firm_candidate", args=[referral.pk])).status_code == 404


def test_a_person_who_is_no_firms_user_is_invited_to_register(client, two_firms):
    client.force_login(UserFactory())
    page = client.get(reverse("employment:employer")).content.decode()
    assert "Firmanızı kaydedin" in page
    assert client.get(reverse("employment:firm_candidates", args=[two_firms[0].vacancy.pk])).status_code == 404


def test_the_candidate_page_shows_the_cv_and_records_a_hire(client, two_firms):
    mine = two_firms[0]
    cv = mine.referral.cv
    cv.education.create(level="high", school="Ümraniye Mesleki ve Teknik Anadolu Lisesi", field="Giyim", graduated=2015)
    cv.experience.create(employer="Kaya Konfeksiyon", position="Overlokçu", years=4)
    cv.languages.create(language="İngilizce", level="basic")
    client.force_login(mine.user)
    page = client.get(reverse("employment:firm_candidate", args=[mine.referral.pk])).content.decode()
    for shown in ("Zeynep Kaya", "0532 111 22 33", cv.email, "Mesleki ve Teknik", "Overlokçu", "İngilizce", "overlok"):
        assert shown in page, shown
    assert reverse("employment:cv_pdf_of", args=[cv.pk]) in page
    answer = client.post(
        reverse("employment:firm_candidate", args=[mine.referral.pk]),
        {"outcome": "hired", "started_on": timezone.localdate().isoformat()},
        follow=True,
    )
    assert answer.status_code == 200
    mine.referral.refresh_from_db()
    assert mine.referral.outcome == "hired" and mine.referral.placement.source == "employer"


def test_a_hire_without_a_start_date_comes_back_in_turkish(client, two_firms):
    mine = two_firms[0]
    client.force_login(mine.user)
    answer = client.post(reverse("employment:firm_candidate", args=[mine.referral.pk]), {"outcome": "hired"})
    assert "işe başladığı" in answer.content.decode()
    mine.referral.refresh_from_db()
    assert mine.referral.outcome == ""


def test_candidate_list_queries_do_not_grow_with_candidates(client, two_firms, django_assert_max_num_queries):
    mine = two_firms[0]
    for number in range(12):
        records.referral(mine.vacancy, records.cv(full_name=f"Aday Numara{number}"))
    client.force_login(mine.user)
    client.get(reverse("employment:employer"))  # the site's frame (menu, settings) is cached from then on
    with django_assert_max_num_queries(12):
        answer = client.get(reverse("employment:firm_candidates", args=[mine.vacancy.pk]))
    assert answer.content.decode().count('class="candidate-card"') == 13


def test_the_firms_home_queries_do_not_grow_with_vacancies(
    client, two_firms, occupations, django_assert_max_num_queries
):
    mine = two_firms[0]
    for number in range(10):
        records.vacancy(mine, occupations["5223"], title=f"Satış elemanı {number}")
    client.force_login(mine.user)
    client.get(reverse("employment:vacancies"))  # the site's frame (menu, settings) is cached from then on
    with django_assert_max_num_queries(12):
        answer = client.get(reverse("employment:employer"))
    assert answer.content.decode().count('class="employer-vacancy"') == 11


def test_the_verified_e_mail_goes_to_the_contact_in_turkish(two_firms, occupations):
    from employment import employers

    pending = records.firm(name="Bekleyen Gıda", tax_number="0010038527", verified=False)
    records.vacancy(pending, occupations["5223"])
    staff = UserFactory()
    mail.outbox.clear()
    assert employers.verify_firm(pending, staff)
    assert not employers.verify_firm(pending, staff)
    pending.refresh_from_db()
    assert pending.verified_by == staff and pending.verified_at is not None
    assert Vacancy.objects.public().filter(firm=pending).exists()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [pending.contact_email]
    assert "doğrulandı" in message.subject and "/istihdam/isveren/" in message.body
    assert "Hasan Yıldız" in message.body


def test_a_firms_user_signs_in_to_the_firms_area_and_a_citizen_to_their_account(client, home_page):
    from allauth.account.models import EmailAddress

    employer = records.firm().user
    citizen = UserFactory()
    for person in (employer, citizen):
        person.set_password("uzun-bir-parola-42")
        person.save()
        EmailAddress.objects.create(user=person, email=person.email, verified=True, primary=True)

    signed_in = client.post(reverse("account_login"), {"login": employer.email, "password": "uzun-bir-parola-42"})
    assert signed_in.url == reverse("employment:employer")
    client.logout()
    signed_in = client.post(reverse("account_login"), {"login": citizen.email, "password": "uzun-bir-parola-42"})
    assert signed_in.url != reverse("employment:employer")


def test_every_page_links_the_vacancies_and_the_escort_booking_in_its_footer(client, home_page):
    page = client.get("/").content.decode()
    assert f'href="{reverse("employment:vacancies")}"' in page
    assert f'href="{reverse("escort:book")}"' in page
