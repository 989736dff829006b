import re
from html import unescape

import pytest
from django.core import mail

from assemblies.models import Membership
from tests.assemblies.conftest import years_ago
from tests.conftest import translate
from tests.factories import PASSWORD, UserFactory

JOIN = "/meclisler/{}-meclisi/katil/"
FORM = {"connection": "lives", "neighbourhood": "", "phone": "0532 123 45 67", "note": "Katkı sunmak isterim."}


def neighbourhood_id(name="Çakmak"):
    from places.models import Neighbourhood

    return Neighbourhood.objects.get(name=name).pk


@pytest.mark.django_db
def test_the_assembly_page_states_the_rules_and_offers_to_join(client, assemblies):
    html = client.get("/meclisler/genclik-meclisi/").content.decode()
    assert "15–30 yaş arasındakiler içindir." in html
    assert 'href="/meclisler/genclik-meclisi/katil/"' in html
    assert "0 üye" in html


@pytest.mark.django_db
def test_member_count_shows_approved_members_only_and_no_personal_data(client, assemblies):
    from tests.factories import MembershipFactory

    MembershipFactory(assembly=assemblies["kadin"], state="approved", full_name="Gizli Kişi")
    MembershipFactory(assembly=assemblies["kadin"], state="applied")
    html = client.get("/meclisler/kadin-meclisi/").content.decode()
    assert "1 üye" in html
    assert "Gizli Kişi" not in html


@pytest.mark.django_db
def test_a_visitor_is_sent_to_log_in_and_comes_back(client, assemblies, woman):
    response = client.get(JOIN.format("kadin"))
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/meclisler/kadin-meclisi/katil/"
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=woman, email=woman.email, verified=True, primary=True)
    response = client.post("/accounts/login/", {"login": woman.email, "password": PASSWORD})
    assert response["Location"] == "/meclisler/kadin-meclisi/katil/"


@pytest.mark.django_db
def test_a_visitor_who_signs_up_returns_to_the_application_after_confirming(client, assemblies):
    client.get(JOIN.format("engelli"))
    client.post(
        "/accounts/signup/",
        {
            "first_name": "Hasan",
            "last_name": "Polat",
            "email": "hasan@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "kvkk_consent": "on",
        },
    )
    link = re.search(r"http://testserver(/\S+)", mail.outbox[-1].body).group(1)
    response = client.post(link)
    assert response.status_code == 302
    assert response["Location"] == "/meclisler/engelli-meclisi/katil/"
    assert "_auth_user_id" in client.session


@pytest.mark.django_db
def test_missing_birth_date_is_asked_then_kept_in_the_profile(client, assemblies):
    user = UserFactory(birth_date=None)
    client.force_login(user)
    page = client.get(JOIN.format("genclik"))
    assert "Doğum tarihi" in page.content.decode()
    assert "connection" not in page.content.decode()  # nothing else is asked yet
    client.post(JOIN.format("genclik"), {"about_you": "1", "birth_date": years_ago(20).isoformat()})
    user.refresh_from_db()
    assert user.birth_date == years_ago(20)
    assert 'name="connection"' in client.get(JOIN.format("genclik")).content.decode()


@pytest.mark.django_db
def test_an_ineligible_person_is_told_why_before_filling_anything_in(client, assemblies, woman):
    client.force_login(woman)
    html = client.get(JOIN.format("genclik")).content.decode()
    assert "Bu meclise katılamazsınız." in html
    assert "Bu meclis en çok 30 yaşındakiler içindir; siz 45 yaşındasınız." in html
    assert "<form" not in html.split('id="main"')[1]


@pytest.mark.django_db
def test_applying_from_the_page(client, assemblies, woman):
    client.force_login(woman)
    response = client.post(JOIN.format("kadin"), {**FORM, "neighbourhood": neighbourhood_id("Çakmak")})
    assert response.status_code == 302 and response["Location"] == "/accounts/assemblies/"
    membership = Membership.objects.get(user=woman)
    assert membership.assembly == assemblies["kadin"] and membership.note == "Katkı sunmak isterim."
    mine = client.get("/accounts/assemblies/").content.decode()
    assert "Kadın Meclisi" in mine and "Koordinatörlerin kararını bekliyor" in mine


@pytest.mark.django_db
def test_a_double_submission_makes_one_application(client, assemblies, woman):
    client.force_login(woman)
    data = {**FORM, "neighbourhood": neighbourhood_id()}
    client.post(JOIN.format("kadin"), data)
    second = client.post(JOIN.format("kadin"), data)
    assert second.status_code == 200
    assert "Durum: Karar bekliyor" in second.content.decode()
    assert Membership.objects.filter(user=woman).count() == 1


@pytest.mark.django_db
def test_form_errors_are_plain_turkish(client, assemblies):
    client.force_login(UserFactory(birth_date=years_ago(12), gender="male"))
    response = client.post(JOIN.format("cocuk"), {"connection": "lives", "accessibility_needs": ["other"]})
    assert response.status_code == 200
    html = response.content.decode()
    for message in [
        "Yaşadığınız mahalleyi seçin.",
        "Bu alan zorunludur.",  # the parent or guardian's name, phone and e-mail
        "Başka neye ihtiyacınız olduğunu yazın.",
    ]:
        assert message in html
    assert html.count('aria-invalid="true"') >= 4
    assert not Membership.objects.exists()


@pytest.mark.django_db
def test_people_outside_the_district_are_told_the_rule(client, assemblies, woman):
    client.force_login(woman)
    html = unescape(client.post(JOIN.format("kadin"), {"connection": "none"}).content.decode())
    assert "Bu meclis Ümraniye'de yaşayan, çalışan ya da okuyanlar içindir." in html


@pytest.mark.django_db
def test_applying_from_the_english_page_joins_the_same_assembly(client, assemblies, english_home_page, locales):
    english_index = translate(assemblies["engelli"].get_parent(), locales[1], title="Assemblies", slug="assemblies")
    assert english_index
    translate(
        assemblies["engelli"], locales[1], title="Disabled People's Assembly", slug="disabled", asks_disability=True
    )
    user = UserFactory(birth_date=years_ago(40))
    client.force_login(user)
    response = client.post(
        "/en/assemblies/disabled/katil/",
        {"connection": "works", "workplace_or_school": "Ümraniye Belediyesi", "disability_declared": "on"},
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user=user)
    assert membership.assembly == assemblies["engelli"] and membership.language == "en"
    assert membership.disability_declared
    assert "We have received your application" in mail.outbox[0].subject


@pytest.mark.django_db
def test_leaving_asks_for_confirmation(client, assemblies, woman):
    from assemblies import membership as workflow

    membership = workflow.apply(woman, assemblies["kadin"], {"connection": "lives"})
    client.force_login(woman)
    url = f"/accounts/assemblies/{membership.pk}/leave/"
    assert "başvurunuzu geri çekmek" in client.get(url).content.decode()
    client.post(url)
    membership.refresh_from_db()
    assert membership.state == Membership.State.LEFT


@pytest.mark.django_db
def test_nobody_can_leave_for_someone_else(client, assemblies, woman):
    from assemblies import membership as workflow

    membership = workflow.apply(woman, assemblies["kadin"], {"connection": "lives"})
    client.force_login(UserFactory())
    assert client.post(f"/accounts/assemblies/{membership.pk}/leave/").status_code == 404
    membership.refresh_from_db()
    assert membership.state == Membership.State.APPLIED


@pytest.mark.django_db
def test_the_log_in_and_sign_up_pages_say_what_they_are_for(client, assemblies):
    why = "Kadın Meclisi üyeliğine başvurmak için lütfen oturum açın; hesabınız yoksa kaydolun."
    login = client.get(JOIN.format("kadin"), follow=True).content.decode()
    assert why in login
    signup_link = unescape(re.search(r'href="(/accounts/signup/\?next=[^"]+)"', login).group(1))
    assert why in client.get(signup_link).content.decode()
    # Opened on its own, the log-in page has nothing to explain.
    assert "üyeliğine başvurmak" not in client.get("/accounts/login/").content.decode()


@pytest.mark.django_db
def test_a_known_fact_that_rules_a_person_out_is_said_before_any_question(client, assemblies):
    client.force_login(UserFactory(gender="male", birth_date=None))
    html = client.get(JOIN.format("kadin")).content.decode()
    assert "Bu meclis kadınlar içindir." in html
    assert 'name="birth_date"' not in html and "<form" not in html.split("<main", 1)[1].split("</main>")[0]


@pytest.mark.django_db
def test_the_application_labels_say_when_neighbourhood_and_workplace_are_needed(client, assemblies, woman):
    client.force_login(woman)
    html = client.get(JOIN.format("kadin")).content.decode()
    neighbourhood = unescape(re.search(r'<label for="id_neighbourhood">(.*?)</label>', html, re.S).group(1))
    workplace = unescape(re.search(r'<label for="id_workplace_or_school">(.*?)</label>', html, re.S).group(1))
    assert "Ümraniye'de yaşıyorsanız zorunlu" in neighbourhood and "isteğe bağlı" not in neighbourhood
    assert "Ümraniye'de çalışıyor ya da okuyorsanız zorunlu" in workplace and "isteğe bağlı" not in workplace
