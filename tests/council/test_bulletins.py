"""Bulletins reach exactly the members who agreed to them, in the chosen segment, and stop at one click."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from assemblies.coordinators import ensure_coordinator_group
from assemblies.models import Commission, Membership
from council import bulletin_tasks, bulletins
from council.access import ensure_secretariat_group, grant_coordinators
from council.models import Bulletin, BulletinConsent, BulletinRecipient
from council.retention import RULES
from places.models import Neighbourhood
from tests.conftest import publish
from tests.factories import AssemblyPageFactory, MembershipFactory, UserFactory

APPROVED = Membership.State.APPROVED


def years_ago(years):
    today = timezone.localdate()
    return today.replace(year=today.year - years, day=min(today.day, 28))


@pytest.fixture
def kadin(assembly_index):
    page = publish(AssemblyPageFactory(parent=assembly_index, title="Kadın Meclisi", slug="kadin-meclisi"))
    grant_coordinators(ensure_coordinator_group(page))
    return page


@pytest.fixture
def genclik(assembly_index):
    page = publish(AssemblyPageFactory(parent=assembly_index, title="Gençlik Meclisi", slug="genclik-meclisi"))
    grant_coordinators(ensure_coordinator_group(page))
    return page


@pytest.fixture
def kadin_coordinator(kadin):
    user = UserFactory(email="kadin.koordinator@example.org")
    user.groups.add(kadin.coordinator_group.group)
    return user


@pytest.fixture
def genclik_coordinator(genclik):
    user = UserFactory(email="genclik.koordinator@example.org")
    user.groups.add(genclik.coordinator_group.group)
    return user


@pytest.fixture
def secretary(db):
    user = UserFactory(email="sekreter@example.org")
    user.groups.add(ensure_secretariat_group())
    return user


def member(assembly, agreed=True, state=APPROVED, **fields):
    membership = MembershipFactory(assembly=assembly, state=state, **fields)
    if agreed:
        BulletinConsent.objects.create(membership=membership, wording=bulletins.consent_wording(assembly))
    return membership


@pytest.fixture
def people(kadin, genclik):
    """Kadın Meclisi's members and others around them, each named by what should happen to them."""
    cakmak = Neighbourhood.objects.get(name="Çakmak")
    other_place = Neighbourhood.objects.exclude(pk=cakmak.pk).first()
    education = Commission.objects.create(page=kadin, name="Eğitim Komisyonu")
    health = Commission.objects.create(page=kadin, name="Sağlık Komisyonu")
    found = {
        "young_cakmak": member(kadin, neighbourhood=cakmak, birth_date=years_ago(25), email="genc@example.org"),
        "older_elsewhere": member(
            kadin, neighbourhood=other_place, birth_date=years_ago(50), email="olgun@example.org"
        ),
        "senior_cakmak": member(kadin, neighbourhood=cakmak, birth_date=years_ago(65), email="kidemli@example.org"),
        "never_agreed": member(kadin, agreed=False, neighbourhood=cakmak, birth_date=years_ago(25)),
        "withdrew": member(kadin, neighbourhood=cakmak, birth_date=years_ago(25)),
        "applicant": member(kadin, state=Membership.State.APPLIED, neighbourhood=cakmak, birth_date=years_ago(25)),
        "rejected": member(kadin, state=Membership.State.REJECTED, neighbourhood=cakmak, birth_date=years_ago(25)),
        "left": member(kadin, state=Membership.State.LEFT, neighbourhood=cakmak, birth_date=years_ago(25)),
        "other_assembly": member(genclik, neighbourhood=cakmak, birth_date=years_ago(25)),
    }
    bulletins.withdraw(found["withdrew"])
    found["young_cakmak"].commissions.add(education)
    found["senior_cakmak"].commissions.add(education, health)
    found["older_elsewhere"].commissions.add(health)
    found["never_agreed"].commissions.add(education)
    found.update(cakmak=cakmak, education=education, health=health)
    return found


def write(assembly, subject="Mart bülteni", **fields):
    return Bulletin.objects.create(assembly=assembly, subject=subject, text="Merhaba.\n\nToplantı Salı.", **fields)


def emails(bulletin):
    return set(bulletins.recipients(bulletin).values_list("email", flat=True))


def send_now(client, bulletin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(f"/admin/council/bulletins/send/{bulletin.pk}/")


# Who receives it ----------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_recipients_are_exactly_the_approved_members_of_the_assembly_who_agreed(kadin, people):
    bulletin = write(kadin)
    assert emails(bulletin) == {people[key].email for key in ("young_cakmak", "older_elsewhere", "senior_cakmak")}
    assert bulletins.recipient_count(bulletin) == 3


@pytest.mark.django_db
def test_recipients_by_neighbourhood(kadin, people):
    bulletin = write(kadin, segment=Bulletin.Segment.NEIGHBOURHOOD, neighbourhood=people["cakmak"])
    assert emails(bulletin) == {people["young_cakmak"].email, people["senior_cakmak"].email}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("group", "keys"),
    [("18-29", ["young_cakmak"]), ("45-59", ["older_elsewhere"]), ("60+", ["senior_cakmak"]), ("30-44", [])],
)
def test_recipients_by_age_group(kadin, people, group, keys):
    bulletin = write(kadin, segment=Bulletin.Segment.AGE_GROUP, age_group=group)
    assert emails(bulletin) == {people[key].email for key in keys}


@pytest.mark.django_db
def test_recipients_by_commission(kadin, people):
    education = write(kadin, segment=Bulletin.Segment.COMMISSION, commission=people["education"])
    health = write(kadin, segment=Bulletin.Segment.COMMISSION, commission=people["health"])
    assert emails(education) == {people["young_cakmak"].email, people["senior_cakmak"].email}
    assert emails(health) == {people["older_elsewhere"].email, people["senior_cakmak"].email}
    assert bulletins.recipient_count(health) == 2  # a member of both commissions is counted once


@pytest.mark.django_db
def test_the_preview_shows_the_exact_count_and_the_e_mail(client, kadin, people, kadin_coordinator):
    bulletin = write(kadin, segment=Bulletin.Segment.NEIGHBOURHOOD, neighbourhood=people["cakmak"])
    client.force_login(kadin_coordinator)
    response = client.get(f"/admin/council/bulletins/preview/{bulletin.pk}/")
    assert response.status_code == 200
    assert response.context["count"] == 2
    text = response.content.decode()
    assert 'id="recipient-count"' in text and "2" in text.split('id="recipient-count"')[1].split("</strong>")[0]
    assert "Toplantı Salı." in text and "List-Unsubscribe-Post" in text


# Sending ---------------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_sending_reaches_those_who_agreed_with_one_click_unsubscribe_headers(
    client, kadin, people, kadin_coordinator, django_capture_on_commit_callbacks
):
    bulletin = write(kadin)
    client.force_login(kadin_coordinator)
    response = send_now(client, bulletin, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        people[key].email for key in ("young_cakmak", "older_elsewhere", "senior_cakmak")
    )
    for message in mail.outbox:
        copy = BulletinRecipient.objects.get(bulletin=bulletin, email=message.to[0])
        assert message.extra_headers["List-Unsubscribe"] == f"<http://testserver/konsey/bulten/cik/{copy.token}/>" or (
            message.extra_headers["List-Unsubscribe"].endswith(f"/konsey/bulten/cik/{copy.token}/>")
        )
        assert message.extra_headers["List-Unsubscribe"].startswith("<http")
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert "Toplantı Salı." in message.body and copy.token in message.body
        assert copy.token in message.alternatives[0][0]
    bulletin.refresh_from_db()
    assert bulletin.state == Bulletin.State.SENT and bulletin.sent_at is not None
    assert bulletins.counts(bulletin) | {} == {
        "total": 3,
        "queued": 0,
        "sent": 3,
        "bounced": 0,
        "failed": 0,
        "unsubscribed": 0,
        "done": 3,
        "percent": 100,
    }
    figures = client.get(f"/admin/council/bulletins/preview/{bulletin.pk}/").context["figures"]
    assert figures["sent"] == 3


@pytest.mark.django_db
def test_a_bulletin_is_sent_once_and_cannot_be_edited_after(
    client, kadin, people, kadin_coordinator, django_capture_on_commit_callbacks
):
    bulletin = write(kadin)
    client.force_login(kadin_coordinator)
    send_now(client, bulletin, django_capture_on_commit_callbacks)
    send_now(client, bulletin, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 3
    assert BulletinRecipient.objects.filter(bulletin=bulletin).count() == 3
    with pytest.raises(bulletins.BulletinError):
        bulletins.start_sending(bulletin, kadin_coordinator)
    preview = f"/admin/council/bulletins/preview/{bulletin.pk}/"
    assert client.get(f"/admin/council/bulletins/edit/{bulletin.pk}/")["Location"] == preview
    assert client.post(f"/admin/council/bulletins/edit/{bulletin.pk}/", {"subject": "Başka"})["Location"] == preview
    assert client.post(f"/admin/council/bulletins/delete/{bulletin.pk}/")["Location"] == preview
    assert Bulletin.objects.filter(pk=bulletin.pk).exists()
    assert Bulletin.objects.get(pk=bulletin.pk).subject == "Mart bülteni"


@pytest.mark.django_db
def test_sending_goes_in_batches_and_books_the_next_after_a_pause(kadin, kadin_coordinator, settings, monkeypatch):
    for number in range(5):
        member(kadin, email=f"toplu{number}@example.org")
    bulletin = write(kadin)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    DBTaskResult.objects.all().delete()
    bulletins.start_sending(bulletin, kadin_coordinator)
    batches = DBTaskResult.objects.filter(task_path="council.bulletin_tasks.send_batch")
    assert [queued.args_kwargs["args"] for queued in batches] == [[bulletin.pk]]
    assert len(mail.outbox) == 0
    DBTaskResult.objects.all().delete()

    monkeypatch.setattr(bulletins, "BATCH_SIZE", 2)
    before = timezone.now()
    bulletin_tasks.send_batch.call(bulletin.pk)
    assert len(mail.outbox) == 2
    booked = DBTaskResult.objects.get(task_path="council.bulletin_tasks.send_batch")
    assert booked.run_after >= before + bulletins.BATCH_PAUSE
    assert bulletins.send_batch(bulletin.pk) is True
    assert bulletins.send_batch(bulletin.pk) is False
    assert len(mail.outbox) == 5
    bulletin.refresh_from_db()
    assert bulletin.state == Bulletin.State.SENT
    assert bulletins.send_batch(bulletin.pk) is False and len(mail.outbox) == 5


@pytest.mark.django_db
def test_a_member_who_withdraws_while_it_is_sending_gets_nothing(kadin, people, kadin_coordinator, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    bulletin = write(kadin)
    bulletins.start_sending(bulletin, kadin_coordinator)
    bulletins.withdraw(people["older_elsewhere"])
    bulletins.send_batch(bulletin.pk)
    assert people["older_elsewhere"].email not in {message.to[0] for message in mail.outbox}
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_refused_and_failed_addresses_are_counted(kadin, people, kadin_coordinator, settings, monkeypatch):
    import smtplib

    from django.core.mail.message import EmailMessage

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    bulletin = write(kadin)
    bulletins.start_sending(bulletin, kadin_coordinator)
    real_send = EmailMessage.send

    def send(message, fail_silently=False):
        if message.to[0] == people["older_elsewhere"].email:
            raise smtplib.SMTPRecipientsRefused({message.to[0]: (550, b"no such user")})
        if message.to[0] == people["senior_cakmak"].email:
            raise ConnectionError("mail server down")
        return real_send(message, fail_silently)

    monkeypatch.setattr(EmailMessage, "send", send)
    bulletins.send_batch(bulletin.pk)
    figures = bulletins.counts(bulletin)
    assert (figures["sent"], figures["bounced"], figures["failed"]) == (1, 1, 1)


# Unsubscribing -------------------------------------------------------------------------------------------------


def sent_copy(kadin, people, coordinator, key="young_cakmak"):
    bulletin = write(kadin)
    bulletins.start_sending(bulletin, coordinator)
    bulletins.send_batch(bulletin.pk)
    return BulletinRecipient.objects.get(bulletin=bulletin, email=people[key].email)


@pytest.mark.django_db
def test_one_click_unsubscribe_works_without_signing_in_or_a_csrf_token(kadin, people, kadin_coordinator, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    copy = sent_copy(kadin, people, kadin_coordinator)
    anonymous = Client(enforce_csrf_checks=True)
    response = anonymous.post(
        f"/konsey/bulten/cik/{copy.token}/",
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    copy.refresh_from_db()
    assert copy.unsubscribed_at is not None
    consent = BulletinConsent.objects.get(membership=people["young_cakmak"])
    assert consent.withdrawn_at is not None and consent.wording  # the record stays, dated
    mail.outbox.clear()
    following = write(kadin)
    assert people["young_cakmak"].email not in emails(following)
    bulletins.start_sending(following, kadin_coordinator)
    bulletins.send_batch(following.pk)
    assert people["young_cakmak"].email not in {message.to[0] for message in mail.outbox}
    assert bulletins.counts(copy.bulletin)["unsubscribed"] == 1


@pytest.mark.django_db
def test_the_link_opened_in_a_browser_asks_for_a_click_in_turkish(kadin, people, kadin_coordinator, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    copy = sent_copy(kadin, people, kadin_coordinator)
    anonymous = Client(enforce_csrf_checks=True)
    page = anonymous.get(f"/konsey/bulten/cik/{copy.token}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert '<html lang="tr"' in text and 'method="post"' in text and "<button" in text
    assert BulletinConsent.objects.get(membership=people["young_cakmak"]).active  # a GET changes nothing
    assert anonymous.post(f"/konsey/bulten/cik/{copy.token}/").status_code == 200
    assert not BulletinConsent.objects.get(membership=people["young_cakmak"]).active
    assert people["young_cakmak"].email not in emails(write(kadin))
    assert anonymous.get("/konsey/bulten/cik/yok-boyle-bir-kod/").status_code == 404


# Two coordinators ----------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_coordinators_neither_see_nor_send_each_others_bulletins(
    client, kadin, genclik, people, kadin_coordinator, genclik_coordinator, django_capture_on_commit_callbacks
):
    kadin_bulletin = write(kadin, subject="Kadın Meclisi bülteni")
    genclik_bulletin = write(genclik, subject="Gençlik Meclisi bülteni")
    client.force_login(genclik_coordinator)
    listing = client.get("/admin/council/bulletins/")
    assert listing.status_code == 200
    assert "Gençlik Meclisi bülteni" in listing.content.decode()
    assert "Kadın Meclisi bülteni" not in listing.content.decode()
    for url in (
        f"/admin/council/bulletins/edit/{kadin_bulletin.pk}/",
        f"/admin/council/bulletins/preview/{kadin_bulletin.pk}/",
        f"/admin/council/bulletins/delete/{kadin_bulletin.pk}/",
    ):
        assert client.get(url).status_code in (403, 404), url
    assert send_now(client, kadin_bulletin, django_capture_on_commit_callbacks).status_code in (403, 404)
    assert client.post(f"/admin/council/bulletins/edit/{kadin_bulletin.pk}/", {"subject": "x"}).status_code in (
        403,
        404,
    )
    assert mail.outbox == []
    kadin_bulletin.refresh_from_db()
    assert kadin_bulletin.state == Bulletin.State.DRAFT and kadin_bulletin.subject == "Kadın Meclisi bülteni"
    # Writing for another assembly is refused by the form itself.
    response = client.post(
        "/admin/council/bulletins/new/", {"assembly": kadin.pk, "subject": "Sızma", "text": "x", "segment": "all"}
    )
    assert response.status_code == 200 and not Bulletin.objects.filter(subject="Sızma").exists()
    with pytest.raises(Exception):  # noqa: B017 - PermissionDenied from the rules themselves
        bulletins.start_sending(kadin_bulletin, genclik_coordinator)
    client.force_login(kadin_coordinator)
    assert client.get(f"/admin/council/bulletins/preview/{kadin_bulletin.pk}/").status_code == 200
    assert client.get(f"/admin/council/bulletins/preview/{genclik_bulletin.pk}/").status_code == 404


@pytest.mark.django_db
def test_a_coordinator_writes_for_their_assembly_and_the_secretariat_for_any(
    client, kadin, genclik, people, kadin_coordinator, secretary
):
    client.force_login(kadin_coordinator)
    response = client.post(
        "/admin/council/bulletins/new/",
        {
            "assembly": kadin.pk,
            "subject": "Komisyon duyurusu",
            "text": "Merhaba",
            "segment": "commission",
            "commission": people["education"].pk,
        },
    )
    bulletin = Bulletin.objects.get(subject="Komisyon duyurusu")
    assert response.status_code == 302 and response["Location"] == f"/admin/council/bulletins/preview/{bulletin.pk}/"
    assert bulletin.created_by == kadin_coordinator and bulletins.recipient_count(bulletin) == 2
    client.force_login(secretary)
    assert client.get(f"/admin/council/bulletins/preview/{bulletin.pk}/").status_code == 200
    client.post(
        "/admin/council/bulletins/new/",
        {"assembly": genclik.pk, "subject": "Sekreterlikten", "text": "x", "segment": "all"},
    )
    assert Bulletin.objects.filter(subject="Sekreterlikten", assembly=genclik).exists()


@pytest.mark.django_db
def test_the_listing_asks_the_same_queries_for_many_bulletins(
    client, kadin, people, kadin_coordinator, django_assert_max_num_queries, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    for number in range(12):
        bulletin = write(kadin, subject=f"Bülten {number}")
        if number % 2:
            bulletins.start_sending(bulletin, kadin_coordinator)
            bulletins.send_batch(bulletin.pk)
    client.force_login(kadin_coordinator)
    with django_assert_max_num_queries(30):
        response = client.get("/admin/council/bulletins/")
    assert response.status_code == 200 and "Bülten 11" in response.content.decode()


# The member's agreement -------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_member_agrees_and_withdraws_on_their_preferences_page(client, kadin, genclik, kvkk_pages):
    person = UserFactory(email="ayse@example.org")
    own = MembershipFactory(assembly=kadin, user=person, state=APPROVED, email=person.email)
    pending = MembershipFactory(assembly=genclik, user=person, state=Membership.State.APPLIED, email=person.email)
    stranger = member(kadin, agreed=False)
    client.force_login(person)
    page = client.get("/konsey/bultenler/")
    assert page.status_code == 200
    assert "Kadın Meclisi" in page.content.decode() and "Gençlik Meclisi" not in page.content.decode()
    client.post("/konsey/bultenler/", {"membership": own.pk, "action": "agree"})
    consent = BulletinConsent.objects.get(membership=own)
    assert consent.active and consent.via == BulletinConsent.Via.PORTAL and "Kadın Meclisi" in consent.wording
    assert client.post("/konsey/bultenler/", {"membership": stranger.pk, "action": "agree"}).status_code == 404
    assert client.post("/konsey/bultenler/", {"membership": pending.pk, "action": "agree"}).status_code == 404
    assert not BulletinConsent.objects.filter(membership__in=[stranger, pending]).exists()
    client.post("/konsey/bultenler/", {"membership": own.pk, "action": "withdraw"})
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None
    assert person.email not in emails(write(kadin))
    assert Client().get("/konsey/bultenler/").status_code == 302  # sign in first


@pytest.mark.django_db
def test_the_account_page_and_the_assembly_page_link_to_the_preferences(client, kadin, kvkk_pages):
    from django.urls import reverse

    person = UserFactory()
    client.force_login(person)
    assert "/konsey/bultenler/" in client.get(reverse("accounts:profile")).content.decode()
    assert "/konsey/bultenler/" in Client().get(kadin.url).content.decode()


@pytest.mark.django_db
def test_a_coordinator_records_a_paper_agreement_only_for_their_members(
    client, kadin, genclik, kadin_coordinator, people
):
    client.force_login(kadin_coordinator)
    today = timezone.localdate().isoformat()
    assert client.get("/admin/council/bulletins/paper-consent/").status_code == 200
    client.post("/admin/council/bulletins/paper-consent/", {"membership": people["never_agreed"].pk, "given_on": today})
    consent = BulletinConsent.objects.get(membership=people["never_agreed"])
    assert consent.via == BulletinConsent.Via.PAPER and consent.recorded_by == kadin_coordinator and consent.active
    outsider = member(genclik, agreed=False)
    response = client.post("/admin/council/bulletins/paper-consent/", {"membership": outsider.pk, "given_on": today})
    assert response.status_code == 200 and not BulletinConsent.objects.filter(membership=outsider).exists()
    assert outsider.full_name not in client.get("/admin/council/bulletins/paper-consent/").content.decode()


@pytest.mark.django_db
def test_people_without_the_bulletin_permissions_have_no_bulletin_admin(client, kadin, people):
    editor = UserFactory()
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    bulletin = write(kadin)
    assert client.get("/admin/council/bulletins/paper-consent/").status_code in (302, 403)
    assert client.get(f"/admin/council/bulletins/preview/{bulletin.pk}/").status_code == 404
    assert client.post(f"/admin/council/bulletins/send/{bulletin.pk}/").status_code == 404
    client.force_login(UserFactory())  # not staff at all
    assert client.get("/admin/council/bulletins/paper-consent/").status_code in (302, 403)


# Personal data -------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_data_download_holds_the_agreements_and_bulletins_received(kadin, kadin_coordinator, settings):
    from accounts import personal_data

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    person = UserFactory(email="zeynep@example.org")
    membership = MembershipFactory(assembly=kadin, user=person, state=APPROVED, email=person.email)
    bulletins.agree(membership)
    bulletin = write(kadin)
    bulletins.start_sending(bulletin, kadin_coordinator)
    bulletins.send_batch(bulletin.pk)
    data = personal_data.export(person)["council_bulletins"]
    assert data["agreements"][0]["withdrawn_at"] is None and "Kadın Meclisi" in data["agreements"][0]["wording"]
    assert data["bulletins_received"][0]["subject"] == "Mart bülteni"
    personal_data.erase(person)
    assert BulletinRecipient.objects.get(bulletin=bulletin).email == ""


@pytest.mark.django_db
def test_retention_forgets_old_copies_addresses_and_old_withdrawals(kadin, people, kadin_coordinator, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    rules = {rule.name: rule for rule in RULES}
    bulletin = write(kadin)
    bulletins.start_sending(bulletin, kadin_coordinator)
    bulletins.send_batch(bulletin.pk)
    now = timezone.now()
    recipients_rule = rules["bulletin_recipients"]
    assert not recipients_rule.due(recipients_rule.cutoff(now)).exists()
    later = now + datetime.timedelta(days=recipients_rule.days + 1)
    assert recipients_rule.apply(recipients_rule.cutoff(later), later, 100) == {"bulletin_recipients": 3}
    assert not recipients_rule.due(recipients_rule.cutoff(later)).exists()
    assert bulletins.counts(bulletin)["sent"] == 3  # the figures stay
    assert set(BulletinRecipient.objects.values_list("email", flat=True)) == {""}

    consents_rule = rules["withdrawn_bulletin_consents"]
    later = now + datetime.timedelta(days=consents_rule.days + 1)
    assert consents_rule.apply(consents_rule.cutoff(later), later, 100) == {"withdrawn_bulletin_consents": 1}
    assert not BulletinConsent.objects.filter(membership=people["withdrew"]).exists()
    assert BulletinConsent.objects.filter(membership=people["young_cakmak"]).exists()
