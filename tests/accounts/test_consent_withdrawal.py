"""Withdrawing a consent on the account page stops what ran on it, is recorded, and can be undone by consenting again."""

import pytest
from allauth.account.models import EmailAddress

from accounts.consent import record_consents
from accounts.models import Consent
from assemblies.models import Membership
from home import demo_texts
from tests.factories import MembershipFactory


def health_details(membership):
    membership.refresh_from_db()
    return (
        membership.disability_declared,
        membership.disability_note,
        membership.accessibility_needs,
        membership.accessibility_other,
    )


def declared(assembly, user):
    return MembershipFactory(
        assembly=assembly,
        user=user,
        state=Membership.State.APPROVED,
        disability_declared=True,
        disability_note="Görme engelliyim.",
        accessibility_needs=["easy_read", "companion"],
        accessibility_other="Sesli materyal",
    )


@pytest.fixture
def person(user, kvkk_pages):
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    notice, consent = kvkk_pages
    record_consents(user, [(Consent.Kind.PRIVACY_NOTICE, notice), (Consent.Kind.EXPLICIT_CONSENT, consent)])
    return user


@pytest.mark.django_db
def test_each_consent_given_can_be_withdrawn_and_what_ran_on_it_stops(client, person, other_user, assembly):
    mine = declared(assembly, person)
    theirs = declared(assembly, other_user)
    client.force_login(person)
    page = client.get("/accounts/profile/").content.decode()
    for consent in person.consents.all():
        button = f'action="/accounts/profile/consents/{consent.pk}/withdraw/"'
        # Reading the information notice is not a consent: nothing to withdraw.
        assert (button in page) == (consent.kind in Consent.WITHDRAWABLE), consent.kind
    assert "Geri çekerseniz durur:" in page

    explicit = person.consents.get(kind=Consent.Kind.EXPLICIT_CONSENT)
    response = client.post(f"/accounts/profile/consents/{explicit.pk}/withdraw/", follow=True)

    html = response.content.decode()
    assert "Durduruldu:" in html
    explicit.refresh_from_db()
    assert explicit.withdrawn_at is not None
    assert health_details(mine) == (False, "", [], "")
    assert health_details(theirs) == (True, "Görme engelliyim.", ["easy_read", "companion"], "Sesli materyal")
    mine.refresh_from_db()
    assert mine.state == Membership.State.APPROVED  # the membership runs on the application, not on the consent


@pytest.mark.django_db
def test_while_withdrawn_no_health_details_are_kept_until_consent_is_given_again(client, person, assembly, kvkk_pages):
    explicit = person.consents.get(kind=Consent.Kind.EXPLICIT_CONSENT)
    client.force_login(person)
    client.post(f"/accounts/profile/consents/{explicit.pk}/withdraw/")

    applied = declared(assembly, person)
    assert health_details(applied) == (False, "", [], "")

    page = client.get("/accounts/profile/").content.decode()
    assert 'action="/accounts/profile/consents/explicit_consent/give/"' in page
    assert client.post("/accounts/profile/consents/privacy_notice/give/").status_code == 404
    client.post("/accounts/profile/consents/explicit_consent/give/")
    given = person.consents.filter(kind=Consent.Kind.EXPLICIT_CONSENT, withdrawn_at=None).get()
    assert given.revision_id == kvkk_pages[1].live_revision_id
    # Recorded once: there is nothing withdrawn to give again now.
    assert client.post("/accounts/profile/consents/explicit_consent/give/").status_code == 404

    applied.disability_declared, applied.disability_note = True, "Tekerlekli sandalye kullanıyorum."
    applied.save()
    assert health_details(applied)[:2] == (True, "Tekerlekli sandalye kullanıyorum.")


def test_the_kvkk_texts_say_consent_is_withdrawn_on_the_account_page_and_how_long_data_is_kept():
    consent_tr = " ".join(demo_texts.EXPLICIT_CONSENT["tr"]["paragraphs"])
    consent_en = " ".join(demo_texts.EXPLICIT_CONSENT["en"]["paragraphs"])
    assert "hesabımı silerek" not in consent_tr and "hesabımı silmeden" in consent_tr
    assert "by deleting my account" not in consent_en and "without deleting my account" in consent_en
    notice_tr = " ".join(demo_texts.PRIVACY_NOTICE["tr"]["paragraphs"])
    notice_en = " ".join(demo_texts.PRIVACY_NOTICE["en"]["paragraphs"])
    assert "10 yıl" in notice_tr and "10 years" in notice_en
    assert "hesabınızı silmeden geri çekebilir" in notice_tr


@pytest.mark.django_db
def test_the_account_page_says_a_consent_is_in_force_beside_the_button_that_withdraws_it(client, person):
    client.force_login(person)
    page = client.get("/accounts/profile/").content.decode()
    explicit = person.consents.get(kind=Consent.Kind.EXPLICIT_CONSENT)
    state = page.split(f'action="/accounts/profile/consents/{explicit.pk}/withdraw/"')[0].rsplit("<td", 1)[1]
    # The State column names the state, not only an action: a person reads that the consent is given.
    assert "Onay verildi" in state


def test_the_kvkk_notice_names_the_outbox_copies_and_the_anonymous_survey_record_with_their_periods():
    # Two retention rules the notice left out: outbox_messages (30 days) and survey_participations (180 days).
    notice_tr = " ".join(demo_texts.PRIVACY_NOTICE["tr"]["paragraphs"])
    notice_en = " ".join(demo_texts.PRIVACY_NOTICE["en"]["paragraphs"])
    assert "anonim bir ankete yanıt verdiğinizin kaydı anketin kapanmasından 180 gün" in notice_tr
    assert "size gönderdiğimiz e-postaların kopyası gönderildikten 30 gün" in notice_tr
    assert "the record that you answered an anonymous survey 180 days after the survey closes" in notice_en
    assert "copies of the e-mails we send you 30 days after they are sent" in notice_en
