"""A child's application waits for the parent or guardian, who confirms through a link e-mailed to them."""

import csv
import io
import re
from html import unescape

import pytest
from django.core import mail
from django.utils import dateformat, timezone

from assemblies import membership as workflow
from assemblies.models import GuardianConsent, Membership
from tests.assemblies.conftest import years_ago
from tests.conftest import translate
from tests.factories import MembershipFactory, UserFactory

JOIN = "/meclisler/cocuk-meclisi/katil/"
QUEUE = "/admin/members/pending/"
CHILD_FORM = {
    "connection": "studies",
    "workplace_or_school": "Ümraniye Ortaokulu",
    "guardian_name": "Derya Yıldız",
    "guardian_relationship": "Anne",
    "guardian_phone": "0533 222 33 44",
    "guardian_email": "derya.veli@example.org",
}


@pytest.fixture
def child(db):
    return UserFactory(first_name="Ela", last_name="Yıldız", email="ela@example.org", birth_date=years_ago(11))


@pytest.fixture
def children_coordinator(assemblies):
    user = UserFactory(email="cocuk.koordinator@example.org")
    user.groups.add(assemblies["cocuk"].coordinator_group.group)
    return user


def guardian_link(address="derya.veli@example.org"):
    message = next(message for message in mail.outbox if message.to == [address])
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def apply_as_child(client, child):
    client.force_login(child)
    response = client.post(JOIN, CHILD_FORM)
    assert response.status_code == 302, response.content.decode()[:3000]
    client.logout()
    return Membership.objects.get(user=child)


@pytest.mark.django_db
def test_a_child_gives_the_guardians_email_and_cannot_consent_for_them(client, assemblies, child):
    client.force_login(child)
    html = client.get(JOIN).content.decode()
    assert 'name="guardian_email"' in html
    assert 'name="guardian_consent"' not in html
    response = client.post(JOIN, {**CHILD_FORM, "guardian_email": ""})
    assert response.status_code == 200
    assert "guardian_email" in response.context["form"].errors
    assert not Membership.objects.exists()


@pytest.mark.django_db
def test_the_guardian_is_emailed_a_link_and_the_application_waits(client, assemblies, child):
    membership = apply_as_child(client, child)
    assert membership.guardian_email == "derya.veli@example.org"
    assert membership.guardian_consent_at is None and membership.awaits_guardian
    to_guardian = [message for message in mail.outbox if message.to == ["derya.veli@example.org"]]
    assert len(to_guardian) == 1
    assert "Ela Yıldız" in to_guardian[0].body and "Çocuk Meclisi" in to_guardian[0].body
    # The child's own e-mail is unchanged: the confirmation of their application.
    assert any(message.to == ["ela@example.org"] for message in mail.outbox)
    client.force_login(child)
    assert "Veli ya da vasinin onayı bekleniyor" in client.get("/accounts/assemblies/").content.decode()


@pytest.mark.django_db
def test_the_guardian_confirms_once_on_a_page_that_says_what_is_kept(client, assemblies, child):
    membership = apply_as_child(client, child)
    link = guardian_link()
    page = client.get(link)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Ela Yıldız" in html and "Çocuk Meclisi" in html
    assert "Ümraniye Ortaokulu" in html  # what the council keeps about the child
    assert "Onaylıyorum" in html
    membership.refresh_from_db()
    assert membership.guardian_consent_at is None  # opening the link is not consenting

    client.post(link)
    membership.refresh_from_db()
    assert membership.guardian_consent_at is not None
    assert membership.guardian_consent_via == GuardianConsent.EMAIL
    confirmed_at = membership.guardian_consent_at

    again = client.post(link)  # single use: a second confirmation changes nothing
    membership.refresh_from_db()
    assert membership.guardian_consent_at == confirmed_at
    assert "zaten onaylandı" in again.content.decode()
    # A link forwarded or found later says only that: the child's details are no longer shown through it.
    later = client.get(link).content.decode()
    assert "zaten onaylandı" in later and "Ümraniye Ortaokulu" not in later


@pytest.mark.django_db
def test_a_forged_or_expired_link_confirms_nothing(client, assemblies, child, settings):
    membership = apply_as_child(client, child)
    link = guardian_link()
    forged = link.rstrip("/")[:-4] + "abcd/"
    response = client.post(forged)
    assert response.status_code == 400
    settings.GUARDIAN_LINK_MAX_AGE = -1
    response = client.post(link)
    assert response.status_code == 400
    assert "süresi" in response.content.decode()
    membership.refresh_from_db()
    assert membership.guardian_consent_at is None


@pytest.mark.django_db
def test_a_link_for_an_earlier_application_does_not_confirm_a_new_one(client, assemblies, child):
    membership = apply_as_child(client, child)
    old_link = guardian_link()
    workflow.leave(membership, child)
    mail.outbox.clear()
    apply_as_child(client, child)
    client.post(old_link)
    membership.refresh_from_db()
    assert membership.guardian_consent_at is None


@pytest.mark.django_db
def test_a_child_applying_in_english_gets_the_guardian_an_english_email_and_page(
    client, assemblies, child, english_home_page, locales
):
    translate(assemblies["cocuk"].get_parent(), locales[1], title="Assemblies", slug="assemblies")
    translate(assemblies["cocuk"], locales[1], title="Children's Assembly", slug="children")
    client.force_login(child)
    response = client.post("/en/assemblies/children/katil/", CHILD_FORM)
    assert response.status_code == 302
    client.logout()
    message = next(message for message in mail.outbox if message.to == ["derya.veli@example.org"])
    assert "Children's Assembly" in message.subject and "your consent is needed" in message.subject
    link = guardian_link()
    assert link.startswith("/en/")
    html = unescape(client.get(link).content.decode())
    assert "Ela Yıldız" in html and "Children's Assembly" in html
    assert "I agree" in html and "What the council keeps" in html


@pytest.mark.django_db
def test_an_application_awaiting_the_guardian_cannot_be_approved(client, assemblies, child, children_coordinator):
    membership = apply_as_child(client, child)
    with pytest.raises(workflow.MembershipError):
        workflow.approve(membership, children_coordinator)
    client.force_login(children_coordinator)
    html = client.get(QUEUE).content.decode()
    assert "Veli onayı bekleniyor" in html
    client.post(QUEUE, {"action": "approve", "ids": [membership.pk]})
    membership.refresh_from_db()
    assert membership.state == Membership.State.APPLIED


@pytest.mark.django_db
def test_the_coordinator_sees_when_the_guardian_confirmed_and_approves(client, assemblies, child, children_coordinator):
    membership = apply_as_child(client, child)
    client.post(guardian_link())
    membership.refresh_from_db()
    confirmed = timezone.localtime(membership.guardian_consent_at)
    day = dateformat.format(confirmed, "j F Y")
    client.force_login(children_coordinator)
    html = client.get(QUEUE).content.decode()
    assert f"Veli onayı: {day}" in html
    edit = client.get(f"/admin/members/edit/{membership.pk}/").content.decode()
    assert f"Veli onayı: {day}" in edit
    client.post(QUEUE, {"action": "approve", "ids": [membership.pk]})
    membership.refresh_from_db()
    assert membership.state == Membership.State.APPROVED
    export = b"".join(client.get("/admin/members/?export=csv").streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(export)))
    assert rows[0]["Veli onayı"] == confirmed.strftime("%d.%m.%Y %H:%M")
    assert rows[0]["Veli onayı nasıl alındı"] == "Veli, e-postayla gönderilen bağlantıdan onayladı"


@pytest.mark.django_db
def test_the_coordinator_records_a_paper_consent_with_a_note(client, assemblies, child, children_coordinator):
    membership = apply_as_child(client, child)
    client.force_login(children_coordinator)
    url = f"/admin/members/guardian-consent/{membership.pk}/"
    response = client.post(url, {"note": ""})
    assert response.status_code == 200  # a note is needed: where the signed form is kept
    membership.refresh_from_db()
    assert membership.guardian_consent_at is None
    client.post(url, {"note": "İmzalı form 12 Mart toplantısında alındı, dosyada."})
    membership.refresh_from_db()
    assert membership.guardian_consent_via == GuardianConsent.PAPER
    assert membership.guardian_consent_recorded_by == children_coordinator
    assert "12 Mart" in membership.guardian_consent_note
    workflow.approve(membership, children_coordinator)
    membership.refresh_from_db()
    assert membership.state == Membership.State.APPROVED


@pytest.mark.django_db
def test_another_assemblys_coordinator_cannot_record_a_consent(client, assemblies, child, coordinator):
    membership = apply_as_child(client, child)
    client.force_login(coordinator)
    response = client.post(f"/admin/members/guardian-consent/{membership.pk}/", {"note": "Kâğıt form."})
    assert response.status_code == 404
    membership.refresh_from_db()
    assert membership.guardian_consent_at is None


@pytest.mark.django_db
def test_an_adult_application_needs_no_guardian(client, assemblies, coordinator, woman):
    membership = MembershipFactory(assembly=assemblies["kadin"], user=woman)
    assert not membership.awaits_guardian
    workflow.approve(membership, coordinator)


@pytest.mark.django_db
def test_the_coordinator_sends_the_link_again_to_a_corrected_address(client, assemblies, child, children_coordinator):
    membership = apply_as_child(client, child)
    old_link = guardian_link()
    Membership.objects.filter(pk=membership.pk).update(guardian_email="derya.dogru@example.org")
    client.force_login(children_coordinator)
    url = f"/admin/members/guardian-consent/{membership.pk}/"
    page = client.get(url).content.decode()
    assert "derya.dogru@example.org" in page
    # "Correct it on the member's page first": the page is one click away.
    assert f'href="/admin/members/edit/{membership.pk}/' in page
    response = client.post(url, {"action": "resend"})
    assert response.status_code == 302
    client.logout()
    client.post(old_link)  # the link sent to the wrong address no longer confirms
    membership.refresh_from_db()
    assert membership.guardian_consent_at is None
    client.post(guardian_link("derya.dogru@example.org"))
    membership.refresh_from_db()
    assert membership.guardian_consent_via == GuardianConsent.EMAIL


@pytest.mark.django_db
def test_the_bulk_approval_leaves_a_child_awaiting_the_guardian_waiting(
    client, assemblies, child, children_coordinator
):
    membership = apply_as_child(client, child)
    client.force_login(children_coordinator)
    url = f"/admin/bulk/assemblies/membership/approve_membership/?next=/admin/&id={membership.pk}"
    response = client.post(url, {"next": "/admin/"})
    assert response.status_code in (200, 302)
    membership.refresh_from_db()
    assert membership.state == Membership.State.APPLIED


@pytest.mark.django_db
def test_the_child_is_told_that_the_guardian_was_emailed(client, assemblies, child):
    client.force_login(child)
    response = client.post(JOIN, CHILD_FORM, follow=True)
    assert "velinize ya da vasinize" in response.content.decode()
