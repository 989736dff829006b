"""The public vacancy list (İş ilanları), a vacancy's page, and a seeker's one-click application."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from employment import applications
from employment.models import Referral, Vacancy
from places.models import Neighbourhood
from tests.employment import employer_records as records

pytestmark = pytest.mark.django_db


@pytest.fixture
def occupations(home_page):
    return records.occupations()


@pytest.fixture
def listed(occupations):
    """A verified firm's vacancies of different kinds, and what must never be listed."""
    firm = records.firm()
    tantavi, esensehir = (Neighbourhood.objects.get(name=name) for name in ("Tantavi", "Esenşehir"))
    vacancies = {
        "tailor": records.vacancy(firm, occupations["7531"], title="Terzi", neighbourhood=tantavi),
        "welder": records.vacancy(
            firm,
            occupations["7212"],
            title="Kaynakçı",
            work_type="shift",
            neighbourhood=esensehir,
            published_at=timezone.now() - datetime.timedelta(days=20),
        ),
        "seller": records.vacancy(
            firm,
            occupations["5223"],
            title="Satış danışmanı",
            work_type="part_time",
            disability_quota=True,
            published_at=timezone.now() - datetime.timedelta(days=45),
        ),
    }
    unverified = records.firm(name="Doğrulanmamış", tax_number="1234567890", verified=False)
    hidden = {
        "draft": records.vacancy(firm, occupations["7531"], title="Taslak ilan", status=Vacancy.Status.DRAFT),
        "closed": records.vacancy(firm, occupations["7531"], title="Kapanan ilan", status=Vacancy.Status.CLOSED),
        "expired": records.vacancy(
            firm, occupations["7531"], title="Süresi geçen", closing_date=timezone.localdate() - datetime.timedelta(1)
        ),
        "unverified": records.vacancy(unverified, occupations["7531"], title="Bekleyen firma ilanı"),
    }
    return vacancies, hidden


def titles(client, **query):
    answer = client.get(reverse("employment:vacancies"), query)
    assert answer.status_code == 200
    return [vacancy.title for vacancy in answer.context["vacancies"]]


def test_the_list_shows_only_public_vacancies_newest_first(client, listed):
    assert titles(client) == ["Terzi", "Kaynakçı", "Satış danışmanı"]
    page = client.get(reverse("employment:vacancies")).content.decode()
    assert "<title>İş ilanları" in page
    for vacancy in listed[1].values():
        assert vacancy.title not in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"meslek": "7"}, ["Terzi", "Kaynakçı"]),
        ({"meslek": "7531"}, ["Terzi"]),
        ({"meslek": "5"}, ["Satış danışmanı"]),
        ({"mahalle": "esensehir"}, ["Kaynakçı"]),
        ({"calisma": "part_time"}, ["Satış danışmanı"]),
        ({"tarih": "7"}, ["Terzi"]),
        ({"tarih": "30"}, ["Terzi", "Kaynakçı"]),
        ({"kota": "on"}, ["Satış danışmanı"]),
        ({"meslek": "9999", "calisma": "shift"}, ["Kaynakçı"]),  # an outdated choice is dropped, the rest apply
    ],
)
def test_filters(client, listed, query, expected):
    assert titles(client, **query) == expected


def test_occupation_filter_offers_major_groups_and_their_units_in_turkish_order(client, listed, occupations):
    form = client.get(reverse("employment:vacancies")).context["form"]
    assert [code for code, _label in form.fields["meslek"].choices] == ["", "5", "5223", "7", "7212", "7531"]
    places = [label for _code, label in form.fields["mahalle"].choices][1:]
    assert places.index("Cemil Meriç") < places.index("Çakmak") < places.index("Dumlupınar")
    assert places.index("Ihlamurkuyu") < places.index("İnkılap") < places.index("Kazım Karabekir")


def test_the_list_is_paginated_and_its_queries_do_not_grow(client, listed, occupations, django_assert_max_num_queries):
    firm = Vacancy.objects.public().first().firm
    for number in range(30):
        records.vacancy(
            firm, occupations["5223"], title=f"Kasiyer {number}", neighbourhood=Neighbourhood.objects.first()
        )
    client.get(reverse("employment:vacancies"))  # the site's frame (menu, settings) is cached from then on
    with django_assert_max_num_queries(10):
        answer = client.get(reverse("employment:vacancies"))
    assert len(answer.context["vacancies"]) == 20 and answer.context["page_obj"].paginator.count == 33
    with django_assert_max_num_queries(10):
        assert client.get(reverse("employment:vacancies"), {"page": 2}).status_code == 200


def test_the_vacancy_page_says_what_a_seeker_needs(client, listed, django_assert_max_num_queries):
    vacancy = listed[0]["tailor"]
    vacancy.wage_min, vacancy.wage_max, vacancy.requirements = 22000, 26000, "En az 2 yıl deneyim"
    vacancy.save()
    client.get(reverse("employment:vacancies"))  # the site's frame (menu, settings) is cached from then on
    with django_assert_max_num_queries(10):
        answer = client.get(reverse("employment:vacancy", args=[vacancy.pk]))
    page = answer.content.decode()
    for shown in ("Terzi", "Yıldız Tekstil A.Ş.", "Tantavi", "En az 2 yıl deneyim", "22000 – 26000 TL", "Başvur"):
        assert shown in page, shown
    assert "Giriş yapın" in page or "Oturum" in page


@pytest.mark.parametrize("which", ["draft", "closed", "expired", "unverified"])
def test_a_vacancy_not_public_is_not_found(client, listed, which):
    assert client.get(reverse("employment:vacancy", args=[listed[1][which].pk])).status_code == 404


def test_the_firms_own_user_previews_its_vacancy_waiting_for_verification(client, listed):
    vacancy = listed[1]["unverified"]
    client.force_login(vacancy.firm.members.get().user)
    page = client.get(reverse("employment:vacancy", args=[vacancy.pk])).content.decode()
    assert "doğruladıktan sonra" in page and 'action="/istihdam/ilan/' not in page


def test_a_seeker_with_a_cv_applies_in_one_click(client, listed):
    vacancy = listed[0]["tailor"]
    cv = records.cv()
    client.force_login(cv.user)
    page = client.get(reverse("employment:vacancy", args=[vacancy.pk])).content.decode()
    assert "CV&#x27;niz İstihdam Merkezine ve bu ilan için işverene iletilir" in page or (
        "CV'niz İstihdam Merkezine ve bu ilan için işverene iletilir" in page
    )
    answer = client.post(reverse("employment:apply", args=[vacancy.pk]), follow=True)
    referral = Referral.objects.get()
    assert (referral.cv, referral.vacancy) == (cv, vacancy)
    assert (referral.origin, referral.status) == (Referral.Origin.APPLICATION, Referral.Status.APPLIED)
    assert "Başvurunuz gönderildi" in answer.content.decode()
    again = client.post(reverse("employment:apply", args=[vacancy.pk]), follow=True)
    assert Referral.objects.count() == 1 and "zaten başvurdunuz" in again.content.decode()


def test_an_application_is_refused_for_what_cannot_be_sent(listed):
    vacancy = listed[0]["tailor"]
    for cv, words in [
        (None, "önce CV"),
        (records.cv(full_name="Rızasız Kişi", consent=False), "rıza"),
        (records.cv(full_name="Gizli Kişi", hidden=True), "gizli"),
    ]:
        with pytest.raises(applications.ApplicationError) as refused:
            applications.apply(cv, vacancy)
        assert words in refused.value.message and refused.value.needs_cv
    seeker = records.cv(full_name="Geç Kalan")
    for which in ("draft", "closed", "expired", "unverified"):
        with pytest.raises(applications.ApplicationError) as refused:
            applications.apply(seeker, listed[1][which])
        assert "başvuru almıyor" in refused.value.message
    assert not Referral.objects.exists()


def test_signing_in_to_apply_comes_back_to_the_vacancy(client, listed):
    vacancy = listed[0]["tailor"]
    answer = client.post(reverse("employment:apply", args=[vacancy.pk]))
    assert answer.status_code == 302
    assert answer["Location"] == f"{reverse('account_login')}?next=%2Fistihdam%2Filan%2F{vacancy.pk}%2F"
    assert not Referral.objects.exists()


def test_a_seeker_without_a_cv_is_told_to_create_one(client, listed):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    page = client.get(reverse("employment:vacancy", args=[listed[0]["tailor"].pk])).content.decode()
    assert "önce CV" in page and 'action="/istihdam/ilan/' not in page


def test_the_list_is_in_english_too(client, listed, english_home_page):
    answer = client.get("/en/istihdam/")
    assert answer.status_code == 200 and "Job vacancies" in answer.content.decode()


def test_the_sitemap_lists_the_vacancy_list_and_each_public_vacancy(client, listed):
    body = client.get("/sitemap.xml").content.decode()
    assert "/istihdam/</loc>" in body and "/en/istihdam/</loc>" in body
    assert f"/istihdam/ilan/{listed[0]['tailor'].pk}/</loc>" in body
    assert f"/istihdam/ilan/{listed[1]['draft'].pk}/</loc>" not in body
