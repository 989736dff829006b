"""Placements recorded after a phone call, and the 30- and 90-day "still employed?" follow-ups, each sent once."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from employment import placements
from employment.models import Firm, Placement
from tests.employment import centre

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return centre.centre_staff()


def placed(days_ago, name, **fields):
    seeker = centre.cv(name, ["7112"], "Sıva", "Çakmak")
    firm = centre.firm(name=f"{name} İşvereni", tax_number=str(1000000000 + days_ago))
    return Placement.objects.create(
        cv=seeker,
        firm=firm,
        started_on=timezone.localdate() - datetime.timedelta(days=days_ago),
        source="phone",
        **fields,
    )


def test_staff_record_a_placement_after_a_phone_call(client, staff):
    seeker = centre.cv("Ali Duvar", ["7112"], "Sıva", "Çakmak")
    firm = centre.firm()
    client.force_login(staff)
    url = reverse("employment_placements:add") + f"?cv={seeker.pk}"

    assert "Ali Duvar" in client.get(url).content.decode()
    client.post(url, {"cv": seeker.pk, "firm": firm.pk, "started_on": "2026-12-01"})

    placement = Placement.objects.get()
    assert (placement.cv, placement.firm, placement.source, placement.recorded_by) == (seeker, firm, "phone", staff)
    assert placement.started_on == datetime.date(2026, 12, 1)


def test_follow_ups_due_at_30_and_90_days_are_found(staff):
    new = placed(10, "Yeni")
    month = placed(30, "Otuz")
    quarter = placed(95, "Doksan", follow_up_30_sent_at=timezone.now(), employed_at_30=True)
    answered = placed(40, "Yanıtlı", employed_at_30=True)

    assert list(placements.due(30)) == [month]
    assert list(placements.due(90)) == [quarter]
    assert new not in placements.awaiting_answer() and answered not in placements.awaiting_answer()


def test_follow_ups_are_emailed_to_the_centres_staff_once(staff):
    centre.centre_staff()  # a second colleague
    placed(31, "Otuz")
    placed(91, "Doksan", follow_up_30_sent_at=timezone.now(), employed_at_30=True)
    mail.outbox.clear()

    call_command("send_employment_follow_ups")

    assert len(mail.outbox) == 2  # one per staff member
    body = mail.outbox[0].body
    assert "Otuz" in body and "Doksan" in body and "30. gün takibi" in body and "90. gün takibi" in body
    assert "Takip edilecek 2 istihdam" in mail.outbox[0].subject
    mail.outbox.clear()

    call_command("send_employment_follow_ups")

    assert mail.outbox == []


def test_staff_record_the_answer_at_30_and_90_days(client, staff):
    placement = placed(92, "Doksan")
    client.force_login(staff)

    client.post(
        reverse("employment_placements:edit", args=[placement.pk]),
        {"started_on": placement.started_on.isoformat(), "employed_at_30": "true", "employed_at_90": "false"},
    )

    placement.refresh_from_db()
    assert (placement.employed_at_30, placement.employed_at_90) == (True, False)
    assert placement not in placements.awaiting_answer()


def test_the_placements_list_runs_a_bounded_number_of_queries(client, staff, django_assert_max_num_queries):
    for days in range(10):
        placed(days * 10, f"Kişi {days}")
    client.force_login(staff)

    with django_assert_max_num_queries(30):
        page = client.get(reverse("employment_placements:index"), {"follow_up": "due"})
    assert page.status_code == 200


def test_the_reports_archive_firms_are_offered_neither_for_a_placement_nor_on_a_field_visit(client, staff):
    # load_employment_volumes adds some 700 anonymous "Arşiv kaydı" firms for the yearly figures alone.
    from employment import demo
    from fieldwork.forms import VisitForm

    demo.load_year(2016, 2, 2, 2, 1)
    assert Firm.objects.filter(name__startswith="Arşiv kaydı").count() == 2
    seeker = centre.cv("Ali Duvar", ["7112"], "Sıva", "Çakmak")
    firm = centre.firm()
    client.force_login(staff)
    form = client.get(reverse("employment_placements:add") + f"?cv={seeker.pk}").context["form"]
    assert list(form.fields["firm"].queryset) == [firm]
    assert list(VisitForm().fields["firm"].queryset) == [firm]


def test_anonymised_placements_are_not_followed_up(client, staff):
    # The report's archive placements (load_employment_volumes) date from 2016–2020: nobody to call, nothing due.
    from employment import demo

    demo.load_year(2016, 2, 2, 2, 1)
    archive = Placement.objects.get()
    current = placed(40, "Güncel")
    assert list(placements.due(30)) == [current] and list(placements.due(90)) == []
    assert list(placements.awaiting_answer()) == [current]
    assert placements.send_due() == 1
    client.force_login(staff)
    page = client.get(reverse("employment_placements:index")).content.decode()
    assert page.count("Sorulmalı") == 1  # the current placement's 30-day check, not the archive's
    archive.refresh_from_db()
    assert archive.follow_up_30_sent_at is None
