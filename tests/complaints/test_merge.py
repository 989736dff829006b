"""The call centre merges duplicates: both residents kept informed; supporters told of the answer."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from complaints import cases
from complaints.models import Case, CaseEvent, Notification, Supporter, Topic


def _pothole(make_case, **fields):
    return make_case(topic=Topic.objects.get(name="Asfalt Onarımı"), **fields)


def test_the_call_centre_merges_a_duplicate_and_both_residents_are_told(
    client, clerk, make_case, sms_outbox, django_capture_on_commit_callbacks
):
    original = _pothole(make_case)
    duplicate = _pothole(make_case, name="Mehmet Kaya", email="mehmet@example.org", phone="+905339876543")
    mail.outbox.clear()
    sms_outbox.clear()
    client.force_login(clerk)
    page = client.get(f"/admin/cases/inspect/{duplicate.pk}/").content.decode()
    assert "Birleştir" in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/cases/merge/{duplicate.pk}/", {"original": original.display_number})
    assert response.status_code == 302
    duplicate.refresh_from_db()
    assert (duplicate.status, duplicate.duplicate_of) == (Case.Status.DUPLICATE, original)
    assert duplicate.events.filter(action=CaseEvent.Action.MERGED, public=True).exists()
    assert original.events.filter(action=CaseEvent.Action.MERGED, public=False).exists()
    (told,) = [message for message in mail.outbox if message.to == ["mehmet@example.org"]]
    assert duplicate.display_number in told.subject and "birleştirildi" in told.body
    assert original.display_number not in told.body  # the other resident's number is theirs
    assert any(message.to == "+905339876543" for message in sms_outbox)

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        cases.answer(original, "Çukur asfaltlandı.")
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == ["ayse@example.org", "mehmet@example.org"]
    (merged_answer,) = [message for message in mail.outbox if message.to == ["mehmet@example.org"]]
    assert original.security_code not in merged_answer.body
    assert "Çukur asfaltlandı." in merged_answer.body and duplicate.display_number in merged_answer.body


def test_only_the_call_centre_merges(client, make_case, vet_staff, works_staff):
    """Directorates answer their cases; joining one resident's case to another's is the call centre's."""
    first, second = _pothole(make_case), _pothole(make_case)
    for user in (vet_staff, works_staff):
        client.force_login(user)
        response = client.post(f"/admin/cases/merge/{second.pk}/", {"original": first.display_number})
        # Works staff see the case but are refused (Wagtail sends them to the dashboard); vets do not even see it.
        assert (response.status_code, getattr(response, "url", None)) in [(302, "/admin/"), (404, None)]
    client.force_login(works_staff)
    assert "Birleştir" not in client.get(f"/admin/cases/inspect/{second.pk}/").content.decode()
    second.refresh_from_db()
    assert second.status != Case.Status.DUPLICATE and not Notification.objects.filter(subject__contains="birleştirildi")


def test_a_merge_says_what_is_wrong(client, clerk, make_case):
    original = _pothole(make_case)
    duplicate = _pothole(make_case)
    client.force_login(clerk)
    for number, message in [
        ("123 456 789", "Bu takip numarasıyla bir başvuru yok."),
        (duplicate.display_number, "Asıl başvurunun takip numarasını"),
    ]:
        response = client.post(f"/admin/cases/merge/{duplicate.pk}/", {"original": number}, follow=True)
        assert message in response.content.decode()
    cases.merge(duplicate, original)
    third = _pothole(make_case)
    response = client.post(f"/admin/cases/merge/{third.pk}/", {"original": duplicate.display_number}, follow=True)
    assert "zaten başka bir başvurunun mükerreri" in response.content.decode()


def test_supporters_of_a_merged_duplicate_follow_the_original(make_case, django_capture_on_commit_callbacks):
    original, duplicate = _pothole(make_case), _pothole(make_case)
    cases.add_supporter(duplicate, name="Zeynep", email="zeynep@example.org")
    cases.merge(duplicate, original)
    assert Supporter.objects.get().case == original
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        cases.answer(original, "Yol onarıldı.")
    assert ["zeynep@example.org"] in [message.to for message in mail.outbox]


@pytest.mark.parametrize("checked", [False, True], ids=["waiting", "checked"])
def test_a_merged_duplicates_case_page_says_it_is_not_published_and_why(client, clerk, make_case, checked):
    """A duplicate is never public (Case.objects.public()): its page says so, with the case it was merged into."""
    original = _pothole(make_case)
    duplicate = _pothole(make_case, public_consent=True)
    if checked:
        Case.objects.filter(pk=duplicate.pk).update(moderated_at=timezone.now())
    cases.merge(duplicate, original)
    client.force_login(clerk)
    page = client.get(f"/admin/cases/inspect/{duplicate.pk}/").content.decode()
    assert f"Yayımlanmıyor: {original.display_number} numaralı başvuruyla birleştirildi." in page
    assert "yayın kontrolünü bekliyor" not in page and "herkese açık gösteriliyor" not in page
    assert reverse("publicreports_admin:check", args=[duplicate.pk]) not in page  # no publishing check to offer


@pytest.mark.parametrize(
    "change, says",
    [
        ({"status": Case.Status.REJECTED}, "Yayımlanmıyor: başvuru reddedildi."),
        ({"anonymised_at": timezone.now()}, "Yayımlanmıyor: kişisel verileri silindi."),
    ],
    ids=["rejected", "anonymised"],
)
def test_a_case_never_public_says_so_on_its_page(client, clerk, make_case, change, says):
    """A rejected or anonymised case is never public (Case.objects.public()), whatever the resident agreed to."""
    case = _pothole(make_case, public_consent=True)
    Case.objects.filter(pk=case.pk).update(moderated_at=timezone.now(), **change)
    client.force_login(clerk)
    page = client.get(f"/admin/cases/inspect/{case.pk}/").content.decode()
    assert says in page
    assert "yayın kontrolünü bekliyor" not in page and "herkese açık gösteriliyor" not in page
    assert reverse("publicreports_admin:check", args=[case.pk]) not in page
