import io
import json

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command

from accounts.consent import record_consents
from accounts.models import Consent, User
from places.models import Neighbourhood
from tests.factories import PASSWORD


@pytest.fixture
def person(user, kvkk_pages):
    """A citizen with a full profile, a verified address and recorded consents."""
    user.phone = "0532 987 65 43"
    user.birth_date = "1958-03-14"
    user.neighbourhood = Neighbourhood.objects.get(name="İnkılap")
    user.save()
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    notice, consent = kvkk_pages
    record_consents(user, [(Consent.Kind.PRIVACY_NOTICE, notice), (Consent.Kind.EXPLICIT_CONSENT, consent)])
    return user


@pytest.mark.django_db
def test_profile_edits_are_saved(client, user):
    client.force_login(user)
    response = client.post(
        "/accounts/profile/",
        {
            "first_name": "Hatice",
            "last_name": "Öztürk",
            "phone": "0216 444 98 22",
            "birth_date": "1950-07-15",
            "neighbourhood": Neighbourhood.objects.get(name="Çakmak").pk,
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.first_name, user.last_name, user.phone) == ("Hatice", "Öztürk", "0216 444 98 22")
    assert user.birth_date.isoformat() == "1950-07-15"
    assert user.neighbourhood.name == "Çakmak"


@pytest.mark.django_db
def test_profile_rejects_bad_input_with_turkish_messages(client, user):
    client.force_login(user)
    response = client.post(
        "/accounts/profile/",
        {
            "first_name": "Ali",
            "last_name": "Veli",
            "phone": "12",
            "birth_date": "2999-01-01",
            "neighbourhood": "999999",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "10 ya da 11 haneli bir telefon numarası girin" in html
    assert "Doğum tarihi ileri bir tarih olamaz." in html
    assert 'aria-invalid="true"' in html


@pytest.mark.django_db
def test_profile_lists_neighbourhoods_in_turkish_order(client, user):
    client.force_login(user)
    choices = [
        label for value, label in client.get("/accounts/profile/").context["form"].fields["neighbourhood"].choices
    ]
    names = [str(label) for label in choices[1:]]
    assert names.index("Cemil Meriç") < names.index("Çakmak") < names.index("Dumlupınar")
    assert names.index("Huzur") < names.index("Ihlamurkuyu") < names.index("İnkılap")


@pytest.mark.django_db
def test_profile_needs_login(client, home_page):
    response = client.get("/accounts/profile/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_data_download_holds_everything_on_the_person_and_nothing_on_others(client, person, other_user):
    client.force_login(person)
    response = client.get("/accounts/profile/data/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="kisisel-verilerim-')
    data = json.loads(response.content)
    assert data["account"]["email"] == person.email
    assert data["account"]["phone"] == "0532 987 65 43"
    assert data["account"]["birth_date"] == "1958-03-14"
    assert data["account"]["neighbourhood"] == "İnkılap"
    assert data["email_addresses"] == [{"email": person.email, "verified": True, "primary": True}]
    assert {c["kind"] for c in data["consents"]} == {"privacy_notice", "explicit_consent"}
    assert {c["kind_name"] for c in data["consents"]} == {str(label) for label in Consent.Kind.labels}
    assert all(c["version"] for c in data["consents"])
    assert other_user.email not in response.content.decode()
    # Readable: Turkish letters as they are, indented.
    assert "İnkılap" in response.content.decode() and "\n  " in response.content.decode()


@pytest.mark.django_db
def test_deletion_needs_the_password(client, person):
    client.force_login(person)
    response = client.post("/accounts/profile/delete/", {"password": "yanlış", "confirm": "on"})
    assert response.status_code == 200
    assert "Parola doğru değil." in response.content.decode()
    assert User.objects.filter(pk=person.pk).exists()


@pytest.mark.django_db
def test_deletion_erases_every_trace_of_the_person_and_keeps_others(client, person, other_user):
    client.force_login(person)
    secrets = [person.email, person.last_name, "0532 987 65 43", "1958-03-14"]
    response = client.post("/accounts/profile/delete/", {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=person.pk).exists()
    assert "_auth_user_id" not in client.session

    dump = io.StringIO()
    call_command("dumpdata", stdout=dump)
    everything = dump.getvalue()
    for secret in secrets:
        assert secret not in everything
    assert other_user.email in everything


@pytest.mark.django_db
def test_deletion_attempts_are_rate_limited(client, person):
    client.force_login(person)
    for _ in range(5):
        client.post("/accounts/profile/delete/", {"password": "yanlış", "confirm": "on"})
    response = client.post("/accounts/profile/delete/", {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 429
    assert User.objects.filter(pk=person.pk).exists()


@pytest.mark.django_db
def test_explicit_consent_can_be_withdrawn_and_stays_on_record(client, person, other_user):
    consent = person.consents.get(kind=Consent.Kind.EXPLICIT_CONSENT)
    client.force_login(person)
    page = client.get("/accounts/profile/").content.decode()
    assert f'action="/accounts/profile/consents/{consent.pk}/withdraw/"' in page
    response = client.post(f"/accounts/profile/consents/{consent.pk}/withdraw/", follow=True)
    assert "Açık rızanızı geri çektiniz." in response.content.decode()
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None
    assert "tarihinde geri çekildi" in response.content.decode()
    data = json.loads(client.get("/accounts/profile/data/").content)
    withdrawn = [item for item in data["consents"] if item["kind"] == Consent.Kind.EXPLICIT_CONSENT]
    assert withdrawn[0]["withdrawn_at"]
    # Nobody withdraws another person's consent, nor a consent twice.
    theirs = other_user.consents.create(kind=Consent.Kind.EXPLICIT_CONSENT, document_title="Açık Rıza", version="1")
    assert client.post(f"/accounts/profile/consents/{theirs.pk}/withdraw/").status_code == 404
    assert client.post(f"/accounts/profile/consents/{consent.pk}/withdraw/").status_code == 404
