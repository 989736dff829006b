"""A CV untouched for two years is reminded, kept with one click, or anonymised a month after the reminder."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from employment import cv_files, seekers
from employment.models import CV, Referral
from operations import retention
from tests.employment import cv_support

pytestmark = pytest.mark.django_db

NOW = timezone.now()
DAY = datetime.timedelta(days=1)


def backdate(cv, days):
    CV.objects.filter(pk=cv.pk).update(updated_at=NOW - days * DAY, created_at=NOW - (days + 10) * DAY)


@pytest.fixture
def cvs(db, django_capture_on_commit_callbacks):
    units = cv_support.occupations()
    stale = cv_support.make_cv(full_name="Ayşe Yılmaz", email="ayse@example.org", summary="Ben Ayşe, 0532 111 22 33.")
    stale.occupations.set([units["5223"]])
    stale.education.create(level="high", school="Ümraniye Lisesi", field="Ticaret")
    stale.experience.create(employer="Moda Mağazacılık", position="Satış danışmanı", years=3, occupation=units["5223"])
    with django_capture_on_commit_callbacks(execute=True):
        seekers.store_file(stale, cv_files.CleanFile(cv_support.pdf_with_metadata(), "pdf", cv_files.PDF_TYPE))
    firm, _member = cv_support.firm_with_member()
    cv_support.refer(stale, firm, units["5223"])
    fresh = cv_support.make_cv(full_name="Ali Demir", email="ali@example.org")
    backdate(stale, 800)
    backdate(fresh, 100)
    return {"stale": CV.objects.get(pk=stale.pk), "fresh": fresh}


def test_a_stale_cv_is_reminded_then_anonymised_and_the_dry_runs_agree(cvs, django_capture_on_commit_callbacks):
    stale = cvs["stale"]
    file_name, storage = stale.file.name, stale.file.storage
    mail.outbox.clear()

    dry = retention.apply(dry_run=True, now=NOW)
    assert (dry.counts["stale_cv_reminders"], dry.counts["stale_cvs"]) == (1, 0)
    report = retention.apply(now=NOW)
    assert (report.counts["stale_cv_reminders"], report.counts["stale_cvs"]) == (1, 0)

    # The reminder: Turkish, to the CV's address, with its one-click link.
    sent = [message for message in mail.outbox if message.to == ["ayse@example.org"]]
    assert len(sent) == 1
    assert "CV'nizi korumak istiyor musunuz" in sent[0].subject
    assert "anonimleştirilecek" in sent[0].body and "CV'mi koru" in sent[0].body
    assert re.search(r"https?://\S+/istihdam/cv/koru/\S+/", sent[0].body)
    assert CV.objects.get(pk=stale.pk).reminded_at == NOW
    assert not [message for message in mail.outbox if message.to == ["ali@example.org"]]

    # A second run the same night does nothing more.
    assert retention.apply(dry_run=True, now=NOW).counts["stale_cv_reminders"] == 0

    # 31 days later, still untouched: anonymised.
    later = NOW + 31 * DAY
    dry = retention.apply(dry_run=True, now=later)
    assert dry.counts["stale_cvs"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        report = retention.apply(now=later)
    assert report.counts["stale_cvs"] == dry.counts["stale_cvs"] == 1
    gone = CV.objects.get(pk=stale.pk)
    assert (gone.full_name, gone.email, gone.phone, gone.summary, gone.skills, gone.file.name) == (
        "",
        "",
        "",
        "",
        "",
        "",
    )
    assert gone.anonymised_at == later and gone.hidden
    assert not storage.exists(file_name)
    assert list(gone.education.values_list("level", "school", "field")) == [("high", "", "")]
    assert list(gone.experience.values_list("employer", "position", "occupation__code")) == [("", "", "5223")]
    # What the yearly figures count survives: the CV, its date, its occupation, its referral.
    assert gone.created_at < NOW and list(gone.occupations.values_list("code", flat=True)) == ["5223"]
    assert Referral.objects.filter(cv=gone).count() == 1
    assert not CV.objects.searchable().filter(pk=gone.pk).exists()
    assert CV.objects.get(pk=cvs["fresh"].pk).full_name == "Ali Demir"
    assert retention.apply(dry_run=True, now=later).counts["stale_cvs"] == 0


def test_the_keep_link_keeps_the_cv_with_one_click(client, cvs):
    retention.apply(now=NOW)
    link = re.search(r"https?://\S+(/istihdam/cv/koru/\S+/)", mail.outbox[-1].body).group(1)
    page = client.get(link)  # a mail scanner following the link changes nothing
    assert page.status_code == 200 and "CV'mi koru" in page.content.decode()
    assert CV.objects.get(pk=cvs["stale"].pk).reminded_at is not None
    kept = client.post(link)
    assert kept.status_code == 200 and "korunuyor" in kept.content.decode()
    cv = CV.objects.get(pk=cvs["stale"].pk)
    assert cv.reminded_at is None and cv.updated_at > NOW - DAY
    assert retention.apply(dry_run=True, now=NOW + 31 * DAY).counts["stale_cvs"] == 0
    assert client.get(reverse("employment:cv_keep", args=["yanlis"])).status_code == 404


def test_saving_the_cv_after_the_reminder_keeps_it_too(client, cvs):
    retention.apply(now=NOW)
    cv = CV.objects.get(pk=cvs["stale"].pk)
    seekers.set_hidden(cv, False)
    assert retention.apply(dry_run=True, now=NOW + 31 * DAY).counts["stale_cvs"] == 0


def test_the_periods_are_settings(cvs, settings):
    settings.EMPLOYMENT_CV_STALE_DAYS = 90
    assert retention.apply(dry_run=True, now=NOW).counts["stale_cv_reminders"] == 2
