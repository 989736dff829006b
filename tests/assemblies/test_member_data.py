"""Members from a paper roster, who have no account, download or erase their data through an e-mailed link."""

import json
import re
from html import unescape

import pytest
from django.core import mail, signing

from assemblies.models import DataErasure, Membership, MembershipEvent
from tests.conftest import publish
from tests.factories import MembershipFactory, StandardPageFactory, UserFactory

REQUEST = "/accounts/assemblies/verilerim/"


@pytest.fixture
def roster_member(assemblies):
    """Gülay Erdem, on two assemblies' paper rosters, with no account."""
    first = MembershipFactory(
        assembly=assemblies["kadin"],
        source=Membership.Source.IMPORT,
        state="approved",
        full_name="Gülay Erdem",
        email="gulay@example.org",
        phone="0532 555 44 33",
        workplace_or_school="Çakmak Kadın Kooperatifi",
    )
    MembershipEvent.objects.create(membership=first, to_state="approved")
    second = MembershipFactory(
        assembly=assemblies["engelli"],
        source=Membership.Source.IMPORT,
        state="approved",
        full_name="Gülay Erdem",
        email="gulay@example.org",
    )
    return [first, second]


@pytest.fixture
def someone_else(assemblies):
    return MembershipFactory(
        assembly=assemblies["kadin"], state="approved", full_name="Sevgi Kara", email="sevgi@example.org"
    )


def data_link(address="gulay@example.org"):
    message = next(message for message in mail.outbox if message.to == [address])
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


@pytest.mark.django_db
def test_the_answer_is_the_same_whether_or_not_the_address_is_on_a_roster(client, roster_member):
    known = client.post(REQUEST, {"email": "Gulay@Example.org "})
    unknown = client.post(REQUEST, {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 200

    def text(response):
        return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode().split("<main", 1)[1]))

    assert text(known).replace("Gulay@Example.org", "X") == text(unknown).replace("nobody@example.org", "X")
    assert [message.to for message in mail.outbox] == [["gulay@example.org"]]


@pytest.mark.django_db
def test_a_member_with_an_account_is_not_sent_a_link_for_it(client, assemblies, woman):
    MembershipFactory(assembly=assemblies["kadin"], user=woman, email=woman.email)
    client.post(REQUEST, {"email": woman.email})
    assert mail.outbox == []


@pytest.mark.django_db
def test_the_link_shows_and_downloads_only_that_members_data(client, roster_member, someone_else):
    client.post(REQUEST, {"email": "gulay@example.org"})
    link = data_link()
    payload = link.rstrip("/").split("/")[-1].split(":")[0]
    assert b"gulay" not in signing.b64_decode(payload.encode())  # links end up in logs: no address in them
    html = unescape(client.get(link).content.decode())
    assert "Gülay Erdem" in html and "Kadın Meclisi" in html and "Engelli Meclisi" in html
    assert "Çakmak Kadın Kooperatifi" in html
    assert "Sevgi Kara" not in html

    download = client.get(link + "indir/")
    assert download["Content-Type"].startswith("application/json")
    assert "attachment" in download["Content-Disposition"]
    assert download["Cache-Control"] == "no-store"
    data = json.loads(download.content)
    memberships = data["assembly_memberships"]
    assert {item["assembly"] for item in memberships} == {"Kadın Meclisi", "Engelli Meclisi"}
    assert memberships[0]["email"] == "gulay@example.org"
    assert "sevgi@example.org" not in download.content.decode()


@pytest.mark.django_db
def test_the_member_erases_their_memberships_and_the_erasure_is_recorded(client, roster_member, someone_else):
    client.post(REQUEST, {"email": "gulay@example.org"})
    link = data_link()
    response = client.post(link, {})  # the box that says it cannot be undone is not ticked
    assert Membership.objects.filter(email="gulay@example.org").count() == 2
    response = client.post(link, {"confirm": "on"})
    assert response.status_code == 200
    assert not Membership.objects.filter(email="gulay@example.org").exists()
    assert not MembershipEvent.objects.filter(membership__email="gulay@example.org").exists()
    assert Membership.objects.filter(pk=someone_else.pk).exists()
    records = DataErasure.objects.order_by("assembly__title")
    assert [(record.assembly.title, record.via, record.actor) for record in records] == [
        ("Engelli Meclisi", DataErasure.Via.LINK, None),
        ("Kadın Meclisi", DataErasure.Via.LINK, None),
    ]
    assert "gulay" not in json.dumps([record.note for record in records])
    # The link now finds nothing.
    assert "Gülay Erdem" not in client.get(link).content.decode()


@pytest.mark.django_db
def test_a_forged_or_expired_data_link_shows_nothing(client, roster_member, settings):
    client.post(REQUEST, {"email": "gulay@example.org"})
    link = data_link()
    forged = link.rstrip("/")[:-4] + "abcd/"
    assert client.get(forged).status_code == 400
    settings.MEMBER_DATA_LINK_MAX_AGE = -1
    response = client.get(link)
    assert response.status_code == 400
    assert "Gülay Erdem" not in response.content.decode()
    assert client.get(link + "indir/").status_code == 400
    client.post(link, {"confirm": "on"})
    assert Membership.objects.filter(email="gulay@example.org").count() == 2


@pytest.mark.django_db
def test_the_request_form_is_rate_limited(client, roster_member):
    for _ in range(3):
        client.post(REQUEST, {"email": "gulay@example.org"})
    assert len(mail.outbox) == 3
    response = client.post(REQUEST, {"email": "gulay@example.org"})
    assert response.status_code == 429
    assert len(mail.outbox) == 3


@pytest.mark.django_db
def test_the_assembly_page_and_the_kvkk_notice_link_to_the_request(client, assemblies, kvkk_pages, home_page):
    assert REQUEST in client.get("/meclisler/kadin-meclisi/").content.decode()
    html = client.get("/kvkk-aydinlatma-metni/").content.decode()
    assert REQUEST in html and "Hesabı olmayan üyeler" in html
    other = publish(StandardPageFactory(parent=home_page, title="Kent Konseyi", slug="kent-konseyi"))
    assert REQUEST not in client.get(other.url).content.decode()


@pytest.mark.django_db
def test_the_request_page_is_in_english_under_en(client, roster_member, english_home_page):
    html = client.get("/en" + REQUEST).content.decode()
    assert "Members without an account" in html
    client.post("/en" + REQUEST, {"email": "gulay@example.org"})
    assert data_link().startswith("/en/")


@pytest.mark.django_db
def test_a_coordinator_erases_a_member_without_an_email_and_it_is_recorded(client, assemblies, coordinator):
    paper_only = MembershipFactory(
        assembly=assemblies["kadin"], state="approved", full_name="Hatice Demir", email="", phone="0532 999 88 77"
    )
    client.force_login(coordinator)
    url = f"/admin/members/erase/{paper_only.pk}/"
    assert "Hatice Demir" in client.get(url).content.decode()
    client.post(url, {"note": ""})
    assert Membership.objects.filter(pk=paper_only.pk).exists()  # how the person asked is recorded first
    response = client.post(url, {"note": "Telefonla istedi, 5 Aralık."})
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=paper_only.pk).exists()
    record = DataErasure.objects.get()
    assert record.actor == coordinator and record.via == DataErasure.Via.COORDINATOR
    assert record.assembly == assemblies["kadin"] and "Telefonla" in record.note
    assert "Telefonla istedi" in client.get("/admin/members/erasures/").content.decode()


@pytest.mark.django_db
def test_another_assemblys_coordinator_cannot_erase(client, assemblies, other_coordinator, roster_member):
    client.force_login(other_coordinator)
    response = client.post(f"/admin/members/erase/{roster_member[0].pk}/", {"note": "Deneme"})
    assert response.status_code == 404
    assert Membership.objects.filter(pk=roster_member[0].pk).exists()
    assert "Kadın Meclisi" not in client.get("/admin/members/erasures/").content.decode()


@pytest.mark.django_db
def test_deleting_an_account_records_the_erased_memberships(client, assemblies, woman):
    from accounts import personal_data

    MembershipFactory(assembly=assemblies["kadin"], user=woman, email=woman.email)
    personal_data.erase(woman)
    assert not Membership.objects.exists()
    assert DataErasure.objects.get().via == DataErasure.Via.ACCOUNT


@pytest.mark.django_db
def test_a_citizen_sees_no_erasure_records(client, assemblies, woman):
    client.force_login(UserFactory())
    assert client.get("/admin/members/erasures/").status_code in (302, 403)


@pytest.mark.django_db
def test_an_unticked_erasure_lands_at_the_box_and_says_what_to_do(client, roster_member):
    client.post(REQUEST, {"email": "gulay@example.org"})
    link = data_link()
    page = client.get(link).content.decode()
    # On a phone the erasure is a long scroll below the top: the answer to the form opens at the form.
    assert f'action="{link}#erase-title"' in page
    answer = client.post(link, {"confirm": ""}).content.decode()  # bound, as a browser's POST always is
    assert "Silmek için kutuyu işaretleyin" in answer
    assert Membership.objects.filter(email="gulay@example.org").count() == 2
