"""Records about people are named by their number, not by the person (issue 16).

Wagtail prints an object's `str()` wherever it names one: bulk-action and delete confirmations,
choosers, history, usage, the success message. A name, phone, e-mail or key there reaches anyone
who can reach such a page; the listings show those details in their own columns, to those who may see them.
"""

import pytest

from complaints.models import Attachment, CaseNote
from distribution.models import QuantityOverride, Recipient, Stop
from events.models import Registration
from surveys.models import Answer
from tests.factories import UserFactory

PERSONAL = ["Ela Yıldızhan", "ela@example.org", "Asfalt Yolcuoğlu", "asfalt@example.org", "+905321110002"]


def assert_impersonal(text, *secrets):
    for secret in PERSONAL + list(secrets):
        assert secret not in text


@pytest.mark.django_db
def test_memberships_notifications_and_keys_are_named_by_number(world):
    child = world["child"]
    assert str(child) == f"Üyelik #{child.pk} (Çocuk Meclisi)"
    notification = world["works_notification"]
    assert str(notification) == f"Bildirim #{notification.pk}"
    assert_impersonal(str(notification))
    for sms in world["works_case"].notifications.all():
        assert_impersonal(str(sms))
    key = world["api_key"]
    assert str(key) == f"API anahtarı #{key.pk}"
    assert "abcd1234" not in str(key)


@pytest.mark.django_db
def test_notes_and_photos_of_a_case_are_named_by_the_case(world):
    case = world["works_case"]
    note = CaseNote.objects.create(case=case, text="Asfalt Yolcuoğlu 0532 111 00 02 numarasından aradı.")
    assert str(note) == f"Not #{note.pk} ({case.display_number})"
    photo = Attachment(pk=7, case=case, file="cases/asfalt-yolcuoglu-evi.jpg")
    assert str(photo) == f"Ek #7 ({case.display_number})"


@pytest.mark.django_db
def test_an_individual_recipient_is_named_by_number_an_organisation_by_its_name(world):
    organisation = world["recipient"]
    assert str(organisation) == "Yıldız Kültür Derneği"
    person = Recipient.objects.create(
        kind=Recipient.Kind.INDIVIDUAL,
        name="Hakan Derneksever",
        neighbourhood=organisation.neighbourhood,
        street="Alemdağ Caddesi",
        building_no="3",
    )
    assert str(person).startswith(f"Alıcı #{person.pk} (")
    assert "Hakan" not in str(person)
    assert "Hakan" not in str(Stop(position=1, recipient=person))
    assert "Hakan" not in str(QuantityOverride(recipient=person, quantity=2))


@pytest.mark.django_db
def test_registrations_and_free_text_answers_do_not_name_the_person(world):
    registration = Registration(pk=5, user=UserFactory(first_name="Sadık", last_name="Köpekseven"))
    assert "Köpekseven" not in str(registration)
    assert str(registration).startswith("Kayıt #5")
    answer = Answer(pk=9, question_key="q3", text="Adım Ela Yıldızhan, telefonum 0533 222 33 44")
    assert_impersonal(str(answer), "0533")
    assert str(answer) == "q3 #9"


@pytest.mark.django_db
def test_an_outbox_email_is_named_by_number():
    from outbox.models import Message

    message = Message(pk=4, recipient="ela@example.org", subject="Başvurunuz alındı", body="Merhaba Ela")
    assert str(message) == "E-posta #4"
